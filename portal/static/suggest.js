// Search-as-you-type: fills the search field's list with matching titles, and the concepts of
// the node's thesaurus with how many hits they have. The page works the same without it.
(function () {
  var input = document.getElementById("q");
  var list = document.getElementById("forslag");
  if (!input || !list || !window.fetch) return;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value;
    if (text.trim().length < 2) return;
    timer = setTimeout(function () {
      fetch("/api/v1/suggest?limit=8&q=" + encodeURIComponent(text))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) {
          list.replaceChildren.apply(list, items.map(function (item) {
            var option = document.createElement("option");
            option.value = item.title;
            if (item.text) option.label = item.text;
            return option;
          }));
        })
        .catch(function () {});
    }, 150);
  });
})();
