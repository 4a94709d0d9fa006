// The servant pickers (Features/Shared/_ServantPicker): what is typed in a picker's search box is sent to
// Directory/ServantSearch, and the active servants that match go into the list's «Resultados» group; an option already
// chosen stays chosen. The list's status line says how many were found. Without JavaScript, or when the search fails,
// the page resolves what was typed when the form is sent.
(function () {
  'use strict';
  function group(select, kind, label) {
    var g = select.querySelector('optgroup[data-group="' + kind + '"]');
    if (g) return g;
    g = document.createElement('optgroup');
    g.setAttribute('data-group', kind);
    g.label = label;
    var after = kind === 'resultados' ? select.querySelector('optgroup[data-group="elegidos"]') : null;
    var before = after ? after.nextSibling : select.querySelector('optgroup');
    select.insertBefore(g, before);
    return g;
  }
  document.querySelectorAll('input[data-servant-search]').forEach(function (input) {
    var select = document.getElementById(input.getAttribute('data-target'));
    var status = document.getElementById(input.id + '-estado');
    var label = select && document.querySelector('label[for="' + select.id + '"]');
    if (!select || !status) return;
    var timer = null;
    var asked = 0;
    function show(q, results, more) {
      var old = select.querySelector('optgroup[data-group="resultados"]');
      if (old) {
        // Whoever was chosen among the former results stays, with the chosen.
        Array.prototype.slice.call(old.children).forEach(function (o) {
          if (o.selected) group(select, 'elegidos', 'Elegidos').appendChild(o);
        });
        old.remove();
      }
      var found = group(select, 'resultados', 'Resultados de «' + q + '»');
      results.forEach(function (r) {
        var value = String(r.id);
        var existing = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
        if (existing && existing.selected) return;
        var option = existing || document.createElement('option');
        option.value = value;
        option.textContent = r.text;
        found.appendChild(option);
      });
      if (found.children.length === 0) found.remove();
      var name = label ? '«' + label.textContent.trim() + '»' : 'la lista';
      status.textContent = results.length === 0
        ? 'Ningún servidor activo coincide con «' + q + '».'
        : (more ? 'Más de ' : '') + results.length + (results.length === 1 ? ' servidor encontrado' : ' servidores encontrados') +
          ': elija en ' + name + '.';
    }
    function search() {
      var q = input.value.trim();
      if (q.length < 2) return;
      var n = ++asked;
      var url = input.getAttribute('data-servant-search') + '?q=' + encodeURIComponent(q);
      var exclude = input.getAttribute('data-exclude');
      if (exclude) url += '&excluir=' + encodeURIComponent(exclude);
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) {
          // A session that ended meanwhile is sent to the sign-in page: nothing of it goes into the list.
          if (!response.ok || response.redirected) throw new Error('HTTP ' + response.status);
          return response.json();
        })
        .then(function (answer) { if (n === asked) show(q, answer.results || [], answer.more); })
        .catch(function () {
          if (n === asked) status.textContent = 'No se pudo buscar ahora: escriba el número de documento y envíe el formulario.';
        });
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(search, 300);
    });
    input.addEventListener('keydown', function (e) {
      // Enter searches at once instead of sending the form.
      if (e.key !== 'Enter') return;
      e.preventDefault();
      clearTimeout(timer);
      search();
    });
  });
})();
