// The planes de acción of the other dependencias are fetched once (Evaluations/PlanChoices; the browser keeps them until
// a plan changes) and added at the end of each goal's list of plan items, but for the goal's own dependencia, whose
// plan the list already has. An item already chosen from one of them came alone in its group: that group is replaced
// by the whole list, and the choice is kept. Without JavaScript, or if the fetch fails, the lists stay as they came.
(function () {
  'use strict';
  var selects = document.querySelectorAll('select[data-other-plans]');
  if (selects.length === 0) return;
  fetch(selects[0].getAttribute('data-other-plans'), { credentials: 'same-origin' })
    .then(function (response) {
      // A session that ended meanwhile is sent to the sign-in page: nothing of it goes into the lists.
      if (!response.ok || response.redirected) throw new Error('HTTP ' + response.status);
      return response.text();
    })
    .then(function (html) {
      var plans = document.createElement('template');
      plans.innerHTML = html;
      selects.forEach(function (select) {
        var own = select.getAttribute('data-own-dependency');
        var chosen = select.value;
        select.querySelectorAll('optgroup[data-other]').forEach(function (group) { group.remove(); });
        plans.content.querySelectorAll('optgroup[data-dependency]').forEach(function (group) {
          if (group.getAttribute('data-dependency') !== own) select.appendChild(group.cloneNode(true));
        });
        select.value = chosen;
      });
    })
    .catch(function () { /* the lists keep what the page brought */ });
})();
