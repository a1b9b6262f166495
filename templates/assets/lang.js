/* polyref: the reader's language. Loaded by every page as a file (the pages' Content-Security-
 * Policy allows scripts from the site only, so nothing is inline).
 *
 * - A click on a language in the switcher, or in the root page's list, is remembered as the
 *   reader's explicit choice (localStorage).
 * - The root page (main[data-choose-language]) sends the reader on to a language's home: the one
 *   they chose before, else the best match of navigator.languages. It never loops: it only runs
 *   on the root page, whose targets never redirect; at most once per tab (sessionStorage), with
 *   location.replace so Back does not return to it; and never when the reader came to the list
 *   on purpose (the address ends in #choose, or they came from a page of this site). Without a
 *   match, or without JavaScript, the list stays.
 * - The 404 page (main[data-not-found]) keeps the message in the reader's language and hides the
 *   others; without JavaScript every message is shown.
 */
(function () {
  'use strict';

  var CHOICE = 'polyref-language';
  var REDIRECTED = 'polyref-redirected';

  function primary(tag) {
    return tag.split('-')[0];
  }

  // The best of `available` (site locales) for the reader's `preferred` ranges, in order of
  // preference, or null. Each range is tried as RFC 4647 §3.4 "lookup" does (the range, then
  // shorter by one subtag at a time: de-AT → de), then as a prefix of a longer tag (§3.3.1 basic
  // filtering: pt → pt-BR); if no range matches so, the first range whose primary language a
  // site locale shares (pt-PT → pt-BR). Case does not matter (RFC 5646 §2.1.1).
  function pick(preferred, available) {
    var lower = available.map(function (a) { return a.toLowerCase(); });
    var ranges = [];
    for (var n = 0; n < preferred.length; n++) {
      var r = String(preferred[n] || '').trim().toLowerCase();
      if (r && r !== '*') ranges.push(r);
    }
    for (var i = 0; i < ranges.length; i++) {
      var range = ranges[i];
      for (var cut = range; cut; ) {
        var at = lower.indexOf(cut);
        if (at >= 0) return available[at];
        var dash = cut.lastIndexOf('-');
        cut = dash < 0 ? '' : cut.slice(0, dash);
        // §3.4: a single-letter subtag (an extension or private-use singleton) goes too.
        if (/-.$/.test(cut)) cut = cut.slice(0, -2);
      }
      for (var j = 0; j < lower.length; j++) {
        if (lower[j].indexOf(range + '-') === 0) return available[j];
      }
    }
    for (var k = 0; k < ranges.length; k++) {
      for (var m = 0; m < lower.length; m++) {
        if (primary(lower[m]) === primary(ranges[k])) return available[m];
      }
    }
    return null;
  }

  // Where the root page sends the reader (a site locale), or null to show the list.
  // `s`: available, stored (a remembered choice or null), preferred (navigator.languages),
  // hash (location.hash), fromSite (came from a page of this site), redirected (already sent on
  // from the root in this tab).
  function rootTarget(s) {
    if (s.hash === '#choose' || s.fromSite || s.redirected) return null;
    if (s.stored && s.available.indexOf(s.stored) >= 0) return s.stored;
    return pick(s.preferred, s.available);
  }

  // The locale of the 404 message to show: the remembered choice, the best match, or the first.
  function notFoundLocale(available, stored, preferred) {
    if (stored && available.indexOf(stored) >= 0) return stored;
    return pick(preferred, available) || available[0];
  }

  if (typeof document === 'undefined') {
    // Loaded by the tests under Node.
    module.exports = { pick: pick, rootTarget: rootTarget, notFoundLocale: notFoundLocale };
    return;
  }

  function storage(kind) {
    try {
      var s = window[kind];
      var probe = CHOICE + '-probe';
      s.setItem(probe, '1');
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null; // Storage disabled: nothing is remembered, nothing breaks.
    }
  }
  var local = storage('localStorage');
  var session = storage('sessionStorage');

  function preferred() {
    var list = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    return Array.prototype.slice.call(list);
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    var link = target && target.closest && target.closest('nav.languages a[hreflang], .language-choice a[hreflang]');
    if (link && local) local.setItem(CHOICE, link.getAttribute('hreflang'));
  });

  function run() {
    var root = document.querySelector('main[data-choose-language]');
    if (root) {
      var links = root.querySelectorAll('.language-choice a[hreflang]');
      var byLocale = {};
      var available = [];
      for (var i = 0; i < links.length; i++) {
        var code = links[i].getAttribute('hreflang');
        byLocale[code] = links[i];
        available.push(code);
      }
      var here = new URL('.', location.href).href;
      var target = rootTarget({
        available: available,
        stored: local && local.getItem(CHOICE),
        preferred: preferred(),
        hash: location.hash,
        fromSite: document.referrer !== '' && document.referrer.indexOf(here) === 0,
        redirected: !!(session && session.getItem(REDIRECTED)),
      });
      if (target) {
        if (session) session.setItem(REDIRECTED, '1');
        location.replace(byLocale[target].href);
      }
      return;
    }
    var notFound = document.querySelector('main[data-not-found]');
    if (notFound) {
      var messages = notFound.querySelectorAll('[data-locale]');
      var locales = [];
      for (var j = 0; j < messages.length; j++) locales.push(messages[j].getAttribute('data-locale'));
      var chosen = notFoundLocale(locales, local && local.getItem(CHOICE), preferred());
      for (var k = 0; k < messages.length; k++) {
        var message = messages[k];
        if (message.getAttribute('data-locale') === chosen) {
          document.title = message.getAttribute('data-title') || document.title;
          var home = message.querySelector('a[hreflang]');
          var title = document.querySelector('a.site-title');
          if (home && title) title.setAttribute('href', home.getAttribute('href'));
        } else {
          message.hidden = true;
        }
      }
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
