// The planes de acción of the other dependencias come once per page, in a <template> (_OtherPlanItems.cshtml): each
// goal's list of plan items gets them at the end. An item already chosen from one of them came alone in its group:
// that group is replaced by the whole list, and the choice is kept.
(function () {
  'use strict';
  document.querySelectorAll('select[data-other-plans]').forEach(function (select) {
    var template = document.getElementById(select.getAttribute('data-other-plans'));
    if (!template) return;
    var chosen = select.value;
    select.querySelectorAll('optgroup[data-other]').forEach(function (group) { group.remove(); });
    select.appendChild(template.content.cloneNode(true));
    select.value = chosen;
  });
})();
