// A form posted twice by a double click adds the same thing twice, or has its first answer thrown away:
// once a post form is on its way, further submits of it are ignored until the next page (or 10 s, for a
// form whose answer is a download and leaves the page where it is). This listener sits on the document,
// so it runs after a form's own: a submit the form's own script holds back (minutes.js waits for drafts)
// does not count as on its way.
(function () {
  'use strict';

  var sent = new WeakMap();
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || (form.method || '').toLowerCase() !== 'post') {
      return;
    }

    var at = sent.get(form);
    if (at !== undefined && Date.now() - at < 10000) {
      event.preventDefault();
      return;
    }

    sent.set(form, Date.now());
  });

  // A page brought back by the browser's back button is a new chance to post.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      sent = new WeakMap();
    }
  });
}());
