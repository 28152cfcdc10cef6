/* Baton tracking snippet. Sets a first-party anonymous id cookie (baton_aid) on this site, reports a page view
   (URL, title, referrer; UTMs are read from the URL by Baton) and hands the anonymous id, UTMs and page to the
   Baton forms on the page (script embeds, iframes of /f/<key>). Usage:
   <script async src="https://baton.example.com/t/baton.js" data-site-key="site_..."></script> */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__batonSnippet) { return; }
  window.__batonSnippet = true;
  var base = new URL(script.src, window.location.href).origin;
  var siteKey = script.getAttribute('data-site-key');
  function cookie(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : null;
  }
  var aid = cookie('baton_aid');
  if (!aid) {
    aid = window.crypto && crypto.randomUUID ? crypto.randomUUID()
      : Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  // refresh on every visit: two years from the last one
  document.cookie = 'baton_aid=' + encodeURIComponent(aid) + '; path=/; max-age=63072000; SameSite=Lax';

  var body = JSON.stringify({k: siteKey, aid: aid, url: window.location.href, title: document.title,
    ref: document.referrer || null});
  var endpoint = base + '/t/collect';
  var sent = false;
  if (navigator.sendBeacon) {
    try { sent = navigator.sendBeacon(endpoint, new Blob([body], {type: 'text/plain'})); } catch (e) { sent = false; }
  }
  if (!sent && window.fetch) {
    fetch(endpoint, {method: 'POST', body: body, headers: {'Content-Type': 'text/plain'}, keepalive: true,
      credentials: 'omit', mode: 'cors'}).catch(function () {});
  }

  var q = new URLSearchParams(window.location.search);
  var facts = {anonymous_id: aid, page_url: window.location.href, referrer: document.referrer || ''};
  ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'].forEach(function (n) {
    if (q.get(n)) { facts[n] = q.get(n); }
  });
  function capture(root) {
    var forms = root.querySelectorAll ? root.querySelectorAll('form[data-baton-form]') : [];
    Array.prototype.forEach.call(forms, function (form) {
      Object.keys(facts).forEach(function (n) {
        var input = form.elements[n];
        if (input && (!input.value || n === 'anonymous_id')) { input.value = facts[n]; }
      });
    });
    var frames = root.querySelectorAll ? root.querySelectorAll('iframe[src^="' + base + '/f/"]') : [];
    Array.prototype.forEach.call(frames, function (frame) {
      if (frame.getAttribute('data-baton-captured')) { return; }
      var src = new URL(frame.src);
      Object.keys(facts).forEach(function (n) { if (!src.searchParams.get(n)) { src.searchParams.set(n, facts[n]); } });
      frame.setAttribute('data-baton-captured', '1');
      frame.src = src.toString();
    });
  }
  function start() {
    capture(document);
    if (window.MutationObserver) {
      new MutationObserver(function () { capture(document); }).observe(document.documentElement,
        {childList: true, subtree: true});
    }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
