// Live pages: the server pushes a version number (Server-Sent Events) whenever the vote changes;
// the page reloads to show it. Without EventSource it asks every 2 seconds instead. A console
// being typed into is not reloaded under the chair's fingers.
(function () {
  "use strict";
  const marker = document.querySelector("[data-live]");
  if (!marker) return;
  const seen = marker.dataset.version;
  let editing = false;
  document.addEventListener("input", function () { editing = true; });

  function changed(version) {
    if (String(version) !== seen && !editing) window.location.reload();
  }

  if (window.EventSource && marker.dataset.events) {
    const source = new EventSource(marker.dataset.events);
    source.onmessage = function (message) { changed(message.data); };
    return;  // EventSource reconnects by itself when the hall's network blinks
  }

  async function check() {
    try {
      const response = await fetch(marker.dataset.live, { credentials: "same-origin",
                                                          cache: "no-store" });
      changed((await response.json()).version);
    } catch (error) { /* try again next time */ }
    setTimeout(check, 2000);
  }
  setTimeout(check, 2000);
})();
