// Planwerk's own script: small improvements on top of pages that work
// without it. Loaded with defer, so the document is parsed when it runs.
(function () {
  "use strict";

  // Says that this script ran: styles and tests may tell a page with
  // scripts from one without.
  document.documentElement.classList.add("js");

  // Below 600px the header menu, the workspace overview and its filter
  // panel start folded, so that a list begins on the first screen (active
  // filters show as chips); on wider screens they are open. The server
  // renders them as they should be without JavaScript.
  var narrow = window.matchMedia("(max-width: 37.49rem)");
  function fit() {
    document.querySelectorAll("[data-narrow-closed]").forEach(function (d) {
      d.open = !narrow.matches;
    });
  }
  fit();
  narrow.addEventListener("change", fit);

  // The bulk review's bar says how many implementations are checked; with
  // none checked it steps aside.
  document.querySelectorAll("form.review-form").forEach(function (form) {
    var bar = form.querySelector("[data-review-bar]");
    var out = bar && bar.querySelector("[data-review-count]");
    if (!out) { return; }
    function count() {
      var n = form.querySelectorAll('input[name="umsetzung"]:checked').length;
      out.textContent = n === 1 ? out.dataset.one : out.dataset.many.replace("#", String(n));
      bar.hidden = n === 0;
    }
    form.addEventListener("change", count);
    count();
  });
})();
