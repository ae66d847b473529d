// Live preview of an amendment while it is typed, and instructions written from an edited copy.
// Progressive enhancement: without JavaScript the form still submits and the server checks it.
(function () {
  "use strict";
  const root = document.querySelector("[data-amend]");
  if (!root) return;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const instruction = document.getElementById("text");
  const preview = document.getElementById("preview");
  const edited = document.getElementById("edited");
  const generated = document.getElementById("generated");
  const useGenerated = document.getElementById("use-generated");

  function debounce(fn, ms) {
    let timer;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  function post(url, fields) {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return fetch(url, { method: "POST", body, headers: { "X-CSRFToken": token },
                        credentials: "same-origin" });
  }

  let previewSeq = 0;
  const refreshPreview = debounce(async function () {
    const mine = ++previewSeq;
    const response = await post(root.dataset.previewUrl, { text: instruction.value });
    // Server-rendered and escaped by the template engine; a late answer never overwrites a newer one.
    if (mine === previewSeq && response.ok) preview.innerHTML = await response.text();
  }, 250);

  let describeSeq = 0;
  const refreshWording = debounce(async function () {
    const mine = ++describeSeq;
    const response = await post(root.dataset.describeUrl, { edited: edited.value });
    const answer = await response.json();
    if (mine !== describeSeq) return;
    generated.textContent = answer.instruction || answer.error || "No change yet.";
    useGenerated.disabled = !answer.instruction;
  }, 300);

  instruction.addEventListener("input", refreshPreview);
  if (instruction.value.trim()) refreshPreview();
  if (edited) {
    edited.addEventListener("input", refreshWording);
    useGenerated.addEventListener("click", function () {
      instruction.value = generated.textContent;
      instruction.focus();
      refreshPreview();
    });
  }
})();
