// Progressive enhancement only: every page works without this script.
"use strict";

// Upload forms: show the transfer's progress, then go where the server sends us.
document.querySelectorAll("form[data-progress]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var bar = form.querySelector("progress"), text = form.querySelector(".progress-text");
    var button = form.querySelector("button[type=submit]");
    bar.hidden = false; text.hidden = false; button.disabled = true;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round(e.loaded / e.total * 100);
        text.textContent = "Skickar filen: " + bar.value + " %";
      }
    };
    xhr.upload.onload = function () { bar.removeAttribute("value"); text.textContent = "Filen är mottagen, granskningen körs …"; };
    xhr.onload = function () {
      // Redirected to a review or a job page: go there. Answered here (a form error): show it.
      if (xhr.responseURL && xhr.responseURL.indexOf(form.getAttribute("action")) === -1) {
        window.location.assign(xhr.responseURL);
      } else {
        document.open(); document.write(xhr.responseText); document.close();
      }
    };
    xhr.onerror = function () { text.textContent = "Uppladdningen avbröts. Försök igen."; button.disabled = false; };
    xhr.send(new FormData(form));
  });
});

// Job pages: ask for the status until the work is done.
document.querySelectorAll("[data-job]").forEach(function (box) {
  var phase = box.querySelector(".phase");
  function poll() {
    fetch("/jobb/" + box.dataset.job + "/status", {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.state === "done" || s.state === "failed") { window.location.assign(s.url); return; }
        phase.textContent = s.phase + (s.ahead ? " – " + s.ahead + " före i kön" : "") + " …";
        setTimeout(poll, 700);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 500);
});
