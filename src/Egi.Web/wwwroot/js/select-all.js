// «Seleccionar todos» check boxes (Control): a box with data-select-all="g" checks or unchecks every box of data-group="g".
(function () {
    "use strict";
    document.querySelectorAll("[data-select-all]").forEach(function (all) {
        all.addEventListener("change", function () {
            document.querySelectorAll('input[data-group="' + all.dataset.selectAll + '"]').forEach(function (box) { box.checked = all.checked; });
        });
    });
})();
