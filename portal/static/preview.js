// Live Markdown preview for the report form: an enhancement; without JavaScript the
// "Förhandsgranska" button renders the same preview on the server.
(function () {
  var source = document.querySelector('textarea[data-preview]');
  if (!source || !window.fetch) return;
  var target = document.getElementById(source.getAttribute('data-preview'));
  if (!target) return;
  var timer = null;
  var sent = 0;
  function render() {
    var ticket = ++sent;
    fetch('/api/v1/markdown/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ markdown: source.value })
    }).then(function (res) {
      return res.ok || res.status === 422 ? res.json() : null;
    }).then(function (data) {
      if (!data || ticket !== sent) return;
      if (data.html !== undefined) {
        // The server sanitises the HTML exactly as for a saved report.
        target.innerHTML = data.html;
      } else if (data.errors && data.errors.length) {
        // What saving would refuse (a personal identity number, text nested too deeply).
        var note = document.createElement('p');
        note.className = 'field-error';
        note.textContent = data.errors[0].message;
        target.replaceChildren(note);
      }
    }).catch(function () {});
  }
  source.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(render, 300);
  });
  if (source.value) render();
})();
