// Goals form (Evaluations/Goals): progressive enhancement only, the running total of the weights. The server checks the rule.
(function () {
    "use strict";
    var form = document.getElementById("form-metas");
    var out = document.getElementById("ev-total-value");
    if (!form || !out) return;
    form.addEventListener("input", function () {
        var sum = 0;
        form.querySelectorAll(".ev-weight").forEach(function (i) { var v = parseInt(i.value, 10); if (!isNaN(v)) sum += v; });
        out.textContent = sum;
    });
})();
