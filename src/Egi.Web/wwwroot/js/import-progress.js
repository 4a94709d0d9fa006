// Progress of a background import (Directory/Import?handler=Progress): polls the JSON of the job and updates the
// <progress> and its text; when the import ends, reloads the progress page, which shows the result. Without
// JavaScript the page refreshes itself (Refresh header) and has an «Actualizar» link.
(function () {
    "use strict";
    var section = document.getElementById("importacion-en-curso");
    if (!section) return;
    var bar = document.getElementById("progreso");
    var percent = document.getElementById("progreso-porcentaje");
    var steps = document.getElementById("progreso-pasos");
    var lastAnnounced = -1;
    function poll() {
        fetch(section.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
            .then(function (s) {
                if (s.done) { window.location.assign(section.dataset.progressUrl); return; }
                bar.value = s.percent;
                bar.textContent = s.percent + " %";
                // The text is a live region: change it (and so announce it) every 10 %, not every second.
                if (Math.floor(s.percent / 10) !== Math.floor(lastAnnounced / 10)) {
                    percent.textContent = s.percent;
                    steps.textContent = s.processed.toLocaleString("es-CO");
                    lastAnnounced = s.percent;
                }
                window.setTimeout(poll, 1000);
            })
            .catch(function () { window.setTimeout(poll, 3000); });
    }
    window.setTimeout(poll, 500);
})();
