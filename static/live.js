// Live pages: poll a cheap version number and reload when something was recorded elsewhere.
// A console being typed into is left alone until its fields are empty of edits.
(function () {
  "use strict";
  const marker = document.querySelector("[data-live]");
  if (!marker) return;
  const seen = marker.dataset.version;
  let editing = false;
  document.addEventListener("input", function () { editing = true; });
  async function check() {
    try {
      const response = await fetch(marker.dataset.live, { credentials: "same-origin",
                                                          cache: "no-store" });
      const { version } = await response.json();
      if (String(version) !== seen && !editing) { window.location.reload(); return; }
    } catch (error) { /* the hall's network blinked: try again next time */ }
    setTimeout(check, 2000);
  }
  setTimeout(check, 2000);
})();
