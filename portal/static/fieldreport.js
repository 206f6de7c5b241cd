// The field-report form, enhanced: keeps a draft of the text fields in this browser while
// typing, sends with fetch, and when the network is gone keeps the whole report (photos too)
// in IndexedDB and sends it when the connection is back or on the next visit. The hidden
// `key` makes a resent report arrive once. Without this script the form posts as usual.
// What it says comes from the page, in the page's language: the status element's data-
// attributes (data-kept, data-sent, …); the Swedish below only stands in for a missing one.
(function () {
  var DRAFT = "noden-faltrapport-utkast";
  var form = document.getElementById("fieldreport-form");
  var status = document.getElementById("fieldreport-status");
  var flushing = false;
  var FALLBACK = {
    kept: "Sparad på telefonen – skickas när anslutningen är tillbaka",
    sent: "Fältrapporten som var sparad på telefonen är skickad.",
    refused: "En sparad fältrapport kunde inte tas emot. Skriv den igen.",
    restored: "Ditt utkast är återställt.",
    unsaved: "Ingen anslutning, och rapporten kunde inte sparas på telefonen. Försök igen när du har täckning.",
    sending: "Skickar …"
  };

  function text(name) {
    var given = status && status.getAttribute("data-" + name);
    return given || FALLBACK[name];
  }

  function say(name) { if (status) status.textContent = text(name); }

  function openDb() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var req = indexedDB.open("noden-faltrapporter", 1);
      req.onupgradeneeded = function () { req.result.createObjectStore("utgaende", { keyPath: "key" }); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction("utgaende", mode);
        var result = work(tx.objectStore("utgaende"));
        tx.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function keep(record) { return withStore("readwrite", function (s) { return s.put(record); }); }
  function drop(key) { return withStore("readwrite", function (s) { return s.delete(key); }); }
  function all() { return withStore("readonly", function (s) { return s.getAll(); }); }

  function toRecord(data) {
    var record = { key: String(data.get("key") || ""), fields: [], files: [] };
    data.forEach(function (value, name) {
      if (value instanceof Blob) {
        record.files.push({ name: name, blob: value, filename: value.name || "" });
      } else {
        record.fields.push([name, value]);
      }
    });
    return record;
  }

  function toFormData(record) {
    var data = new FormData();
    record.fields.forEach(function (f) { data.append(f[0], f[1]); });
    record.files.forEach(function (f) { data.append(f.name, f.blob, f.filename); });
    return data;
  }

  function post(data) {
    return fetch("/faltrapporter/ny", {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "text/html" }
    });
  }

  function flush() {
    if (flushing || !navigator.onLine) return;
    flushing = true;
    all().then(function (records) {
      return records.reduce(function (done, record) {
        return done.then(function () {
          return post(toFormData(record)).then(function (response) {
            // Sent (or refused for good): either way it leaves the phone.
            if (response.ok || (response.status >= 400 && response.status < 500)) {
              return drop(record.key).then(function () {
                say(response.ok ? "sent" : "refused");
              });
            }
          });
        });
      }, Promise.resolve());
    }).catch(function () {}).then(function () { flushing = false; });
  }

  window.addEventListener("online", flush);
  flush();

  if (!form || !window.fetch || !window.FormData) return;

  var fields = form.querySelectorAll("textarea, select, input[type=text], input:not([type]), input[type=radio]");

  function saveDraft() {
    var draft = {};
    fields.forEach(function (f) {
      if (f.type === "radio") { if (f.checked) draft[f.name] = f.value; }
      else if (f.name) draft[f.name] = f.value;
    });
    try { localStorage.setItem(DRAFT, JSON.stringify(draft)); } catch (e) {}
  }

  function restoreDraft() {
    var text = form.querySelector("#text");
    if (!text || text.value.trim() !== "") return; // the server showed what was sent
    var draft;
    try { draft = JSON.parse(localStorage.getItem(DRAFT) || "null"); } catch (e) { draft = null; }
    if (!draft) return;
    fields.forEach(function (f) {
      if (!(f.name in draft)) return;
      if (f.type === "radio") f.checked = f.value === draft[f.name];
      else f.value = draft[f.name];
    });
    say("restored");
  }

  function clearDraft() { try { localStorage.removeItem(DRAFT); } catch (e) {} }

  function newKey() {
    var key = form.querySelector("input[name=key]");
    if (!key) return;
    if (window.crypto && crypto.randomUUID) key.value = crypto.randomUUID();
  }

  restoreDraft();
  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    var record = toRecord(data);
    var keepIt = function () {
      return keep(record).then(function () {
        clearDraft();
        form.reset();
        newKey();
        say("kept");
      }, function () {
        say("unsaved");
      });
    };
    if (!navigator.onLine) { keepIt(); return; }
    say("sending");
    post(data).then(function (response) {
      if (response.ok && response.redirected) {
        clearDraft();
        window.location.assign(response.url);
        return;
      }
      return response.text().then(function (html) {
        // The form again with the errors next to the fields.
        document.open();
        document.write(html);
        document.close();
      });
    }, keepIt);
  });
})();
