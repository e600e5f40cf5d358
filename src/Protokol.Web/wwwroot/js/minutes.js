// The minutes workspace: saves each item's draft as the secretary types (a second after she stops,
// and when she leaves the page), keeps an unsent draft in the browser until the server has it, and
// shows both versions when someone else saved the same item. Without this script the page still
// works: one button saves everything.
(function () {
  'use strict';
  var form = document.getElementById('referat-form');
  if (!form || !window.fetch) {
    return;
  }

  var url = form.getAttribute('data-autosave');
  var token = form.querySelector('input[name="__RequestVerificationToken"]');
  var msg = function (name) { return form.getAttribute('data-msg-' + name) || ''; };
  var inflight = 0;
  var waiting = [];
  var refused = form.getAttribute('data-refused') === 'true';
  var storageKey = function (box) { return 'protokol-referat-' + url + '-' + box.getAttribute('data-item'); };

  function fields(box) {
    return {
      version: box.querySelector('[data-version]'),
      minutesBase: box.querySelector('[data-base="minutes"]'),
      decisionBase: box.querySelector('[data-base="decision"]'),
      minutes: box.querySelector('[data-field="minutes"]'),
      decision: box.querySelector('[data-field="decision"]'),
      status: box.querySelector('[data-status]')
    };
  }

  function remember(box) {
    var f = fields(box);
    try {
      window.localStorage.setItem(storageKey(box), JSON.stringify({ version: f.version.value, minutesBase: f.minutesBase.value, decisionBase: f.decisionBase.value, minutes: f.minutes.value, decision: f.decision.value }));
    } catch (e) { /* storage full or disabled: the server save still runs */ }
  }

  function forget(box) {
    try { window.localStorage.removeItem(storageKey(box)); } catch (e) { /* nothing to forget */ }
  }

  function showConflict(box, stored) {
    var f = fields(box);
    var old = box.querySelector('.admin-autosave-conflict');
    if (old) { old.remove(); }
    var wrap = document.createElement('div');
    wrap.className = 'admin-autosave-conflict';
    var title = document.createElement('p');
    title.textContent = msg('conflict');
    var pre = document.createElement('pre');
    pre.className = 'conflict__text';
    pre.textContent = stored;
    wrap.appendChild(title);
    wrap.appendChild(pre);
    f.status.parentNode.insertBefore(wrap, f.status);
    f.status.textContent = msg('conflict-hint');
  }

  function done() {
    inflight--;
    if (inflight === 0) {
      waiting.splice(0).forEach(function (next) { next(); });
    }
  }

  // One draft save at a time, each reading the item's version when it starts: a save never races
  // the one before it.
  var queue = Promise.resolve();

  function save(box, leaving) {
    // Published minutes have no draft address: a correction is public once saved, so only the button saves it.
    if (!url || !fields(box).minutes || box.getAttribute('data-dirty') !== 'true') {
      return;
    }

    inflight++;
    queue = queue.then(function () { return send(box, leaving); }).then(done, done);
  }

  function send(box, leaving) {
    var f = fields(box);
    if (box.getAttribute('data-dirty') !== 'true') {
      return Promise.resolve();
    }

    box.removeAttribute('data-dirty');
    var body = new FormData();
    body.append('__RequestVerificationToken', token.value);
    body.append('item', box.getAttribute('data-item'));
    body.append('version', f.version.value);
    body.append('minutesBase', f.minutesBase.value);
    body.append('decisionBase', f.decisionBase.value);
    var sentMinutes = f.minutes.value;
    var sentDecision = f.decision.value;
    body.append('minutes', sentMinutes);
    body.append('decision', sentDecision);
    f.status.textContent = msg('saving');
    return fetch(url, { method: 'POST', body: body, credentials: 'same-origin', keepalive: !!leaving })
      .then(function (response) {
        return response.json().then(function (json) { return { status: response.status, json: json }; });
      })
      .then(function (result) {
        if (result.status === 200) {
          f.version.value = result.json.version;
          // Saved, and merged with another tab's save of the field she did not change: that field shows what is stored now
          // (unless she has typed in it meanwhile), and both fields are based on what is stored.
          if (f.minutes.value === sentMinutes && typeof result.json.minutes === 'string') {
            f.minutes.value = result.json.minutes;
          }
          if (f.decision.value === sentDecision && typeof result.json.decision === 'string') {
            f.decision.value = result.json.decision;
          }
          f.minutesBase.value = result.json.minutesBase;
          f.decisionBase.value = result.json.decisionBase;
          originals[box.getAttribute('data-item')] = { minutes: result.json.minutes, decision: result.json.decision };
          f.status.textContent = msg('saved').replace('{0}', result.json.saved);
          if (box.getAttribute('data-dirty') !== 'true') {
            forget(box);
          } else {
            remember(box);
          }
        } else if (result.status === 409) {
          // The form keeps the version her text was typed on until she edits this item again (merging the
          // two): saved before that, by the button or Ctrl+S, the page's own conflict check stops it. A save
          // of everything that was waiting for this draft is not sent: she has not seen the other version yet.
          showConflict(box, result.json.conflict);
          // The field she did not change since the page showed it takes the other tab's text now (the conflict is in the
          // other field), so her next save does not send the old text back over it.
          var shown = originals[box.getAttribute('data-item')];
          if (shown && f.minutes.value === sentMinutes && sentMinutes === shown.minutes && typeof result.json.minutes === 'string') {
            f.minutes.value = result.json.minutes;
          }
          if (shown && f.decision.value === sentDecision && sentDecision === shown.decision && typeof result.json.decision === 'string') {
            f.decision.value = result.json.decision;
          }
          if (result.json.version) {
            box.setAttribute('data-conflict-version', result.json.version);
            box.setAttribute('data-conflict-bases', result.json.minutesBase + ' ' + result.json.decisionBase);
          }
          if (waiting.length > 0) {
            waiting.length = 0;
            box.scrollIntoView({ block: 'center' });
          }
        } else {
          f.status.textContent = result.json.problem || msg('failed');
        }
      })
      .catch(function () { f.status.textContent = msg('failed'); box.setAttribute('data-dirty', 'true'); });
  }

  // Each item's fields as the server last had them (the page, or the last draft saved): a field still equal to it was not changed here.
  var originals = {};
  var timers = {};
  Array.prototype.forEach.call(form.querySelectorAll('[data-item]'), function (box) {
    var f = fields(box);
    if (!f.minutes) {
      return;
    }

    originals[box.getAttribute('data-item')] = { minutes: f.minutes.value, decision: f.decision.value };

    // A draft typed here that the page does not show (the browser closed, the network was gone, or
    // the page was reloaded before its save arrived) comes back, based on the version it was typed
    // on: saved again, it is either already stored, or stored now, or a real conflict shown as such.
    try {
      var kept = JSON.parse(window.localStorage.getItem(storageKey(box)) || 'null');
      if (kept && (kept.minutes.trim() !== f.minutes.value.trim() || kept.decision.trim() !== f.decision.value.trim())) {
        f.minutes.value = kept.minutes;
        f.decision.value = kept.decision;
        f.version.value = kept.version;
        // A draft kept without its bases (an older page) is saved on its version alone: a conflict, never a merge.
        f.minutesBase.value = kept.minutesBase || '';
        f.decisionBase.value = kept.decisionBase || '';
        box.setAttribute('data-dirty', 'true');
        f.status.textContent = msg('restored');
        save(box);
      } else if (kept && !refused) {
        // The server has it: the copy in the browser is no longer needed. After a refused save the page
        // shows her text, but only the browser holds it, so the copy stays until a save goes through.
        forget(box);
      }
    } catch (e) { /* an unreadable draft is ignored */ }

    var changed = function () {
      // Edited after a conflict: she has seen the other version, so her next save may replace it.
      var seen = box.getAttribute('data-conflict-version');
      if (seen) {
        f.version.value = seen;
        box.removeAttribute('data-conflict-version');
        var bases = (box.getAttribute('data-conflict-bases') || ' ').split(' ');
        f.minutesBase.value = bases[0];
        f.decisionBase.value = bases[1];
        box.removeAttribute('data-conflict-bases');
      }
      box.setAttribute('data-dirty', 'true');
      remember(box);
      window.clearTimeout(timers[box.getAttribute('data-item')]);
      timers[box.getAttribute('data-item')] = window.setTimeout(function () { save(box); }, 1000);
    };
    f.minutes.addEventListener('input', changed);
    f.decision.addEventListener('input', changed);
    f.minutes.addEventListener('blur', function () { save(box); });
    f.decision.addEventListener('blur', function () { save(box); });
  });

  function saveAll(leaving) {
    Object.keys(timers).forEach(function (k) { window.clearTimeout(timers[k]); });
    Array.prototype.forEach.call(form.querySelectorAll('[data-item]'), function (box) { save(box, leaving); });
  }

  window.addEventListener('pagehide', function () { saveAll(true); });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') { saveAll(true); }
  });

  // One save for everything, also from the keyboard (Ctrl+S); it waits for drafts on their way. Each
  // item's copy in the browser is forgotten when the page that answers shows it stored, not now: a save
  // refused (someone else saved the item, or the privacy check) must not lose it.
  // A withdrawal ticked (or its reason typed) is no draft: leaving the page before it is saved asks first.
  var submitting = false;
  window.addEventListener('beforeunload', function (event) {
    if (submitting) {
      return;
    }

    var unsaved = Array.prototype.some.call(form.querySelectorAll('.admin-withdraw'), function (withdraw) {
      var ticked = withdraw.querySelector('input[type="checkbox"]');
      var reason = withdraw.querySelector('input.form-input');
      return (ticked && ticked.checked) || (reason && reason.value.trim() !== '');
    });
    if (unsaved) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  form.addEventListener('submit', function (event) {
    Object.keys(timers).forEach(function (k) { window.clearTimeout(timers[k]); });
    if (inflight > 0) {
      event.preventDefault();
      waiting.push(function () { form.requestSubmit(); });
    } else {
      submitting = true;
    }
  });
  document.addEventListener('keydown', function (event) {
    if ((event.ctrlKey || event.metaKey) && (event.key === 's' || event.key === 'S')) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}());
