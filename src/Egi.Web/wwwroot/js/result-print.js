// Result sheet (Evaluations/Result): shows the «Imprimir» button, which prints the page. Without JavaScript the
// button stays hidden and the browser's own print command works.
(function () {
    "use strict";
    var b = document.getElementById("rs-print");
    if (!b) return;
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
})();
