// 评委手机评分 page (issue #13, docs/LAN.md). Plain script, no framework, no external assets; every text is
// set with textContent (never HTML). A score not yet acknowledged stays in localStorage and is sent again
// when the network is back; the server treats a repeated identical score as already stored.
'use strict';
(function () {
  var token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
  var api = '/api/judge/' + encodeURIComponent(token);
  var pendingKey = 'saiwu-pending-' + token;
  var list = null;
  var index = 0;
  var shownNo = null;
  var $ = function (id) { return document.getElementById(id); };

  function pending() {
    try { return JSON.parse(localStorage.getItem(pendingKey) || '{}') || {}; } catch (e) { return {}; }
  }
  function savePending(p) { localStorage.setItem(pendingKey, JSON.stringify(p)); showPending(); }
  function showPending() {
    var n = Object.keys(pending()).length;
    $('pending').hidden = n === 0;
    $('pending').textContent = n ? '有 ' + n + ' 个评分尚未送达（网络中断），已保存在本机，网络恢复后自动重新提交。' : '';
  }
  function say(text) { $('message').textContent = text || ''; }
  function fmt(x) { return (Math.round(x * 100) / 100).toString(); }

  function load(keepNo) {
    return fetch(api, { cache: 'no-store' }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw { shown: body.message || '无法读取评分名单。' }; }
        list = body;
        $('judge').textContent = body.judge + ' · ' + body.round_label + '评分';
        var done = body.entries.filter(function (e) { return e.score || e.recused; }).length;
        $('progress').textContent = '已完成 ' + done + ' / ' + body.entries.length;
        if (keepNo) {
          var i = body.entries.findIndex(function (e) { return e.project_no === keepNo; });
          if (i >= 0) { index = i; }
        } else {
          var first = body.entries.findIndex(function (e) { return !e.score && !e.recused && !pending()[e.project_no]; });
          index = first >= 0 ? first : 0;
        }
        render();
      });
    }).catch(function (e) {
      if (e && e.shown) { $('judge').textContent = e.shown; say(''); return; }
      if (!list) { $('judge').textContent = '无法连接评分服务器，请确认手机连接的是会场网络。'; }
    });
  }

  function render() {
    var e = list && list.entries[index];
    $('card').hidden = !e;
    $('prev').disabled = index <= 0;
    $('next').disabled = !list || index >= list.entries.length - 1;
    if (!e) { return; }
    var fresh = shownNo !== e.project_no;
    shownNo = e.project_no;
    $('order').textContent = '第 ' + e.order + ' 个';
    $('group').textContent = e.group_label;
    $('entry-no').textContent = e.project_no;
    $('entry-name').textContent = e.name;
    $('recused').hidden = !e.recused;
    $('confirm').hidden = true;
    var p = pending()[e.project_no];
    if (e.score) {
      var parts = e.score.criteria ? e.score.criteria.map(function (v, i) { return e.sheet.criteria[i].name + ' ' + fmt(v); }).join('，') + '；' : '';
      $('locked').textContent = '已提交并锁定：' + parts + '合计 ' + fmt(e.score.total) + ' 分。如需更正，请联系秘书处。';
    }
    $('locked').hidden = !e.score;
    $('form').hidden = e.recused || !!e.score;
    if (!$('form').hidden && fresh) { buildFields(e, p); }
  }

  function fieldsOf(e) {
    return e.sheet.criteria.length ? e.sheet.criteria : [{ name: '总分', max: e.sheet.max }];
  }

  function buildFields(e, p) {
    var box = $('fields');
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var values = p ? (p.criteria || [p.total]) : [];
    fieldsOf(e).forEach(function (c, i) {
      var div = document.createElement('div');
      div.className = 'field';
      var label = document.createElement('label');
      label.textContent = c.name + '（0～' + c.max + ' 分）';
      label.htmlFor = 'f' + i;
      var input = document.createElement('input');
      input.id = 'f' + i;
      input.type = 'text';
      input.inputMode = 'decimal';
      input.setAttribute('data-testid', 'phone-input-' + i);
      if (values[i] !== undefined) { input.value = fmt(values[i]); }
      var err = document.createElement('div');
      err.className = 'err';
      err.setAttribute('data-testid', 'phone-error-' + i);
      input.addEventListener('input', function () { check(e); });
      div.appendChild(label); div.appendChild(input); div.appendChild(err);
      box.appendChild(div);
    });
    check(e);
  }

  // Range checks as the judge types; returns the values when all are valid.
  function check(e) {
    var ok = true, sum = 0, vals = [];
    fieldsOf(e).forEach(function (c, i) {
      var input = $('f' + i), err = input.parentNode.querySelector('.err');
      var t = input.value.trim(), msg = '';
      if (t === '') { ok = false; }
      else if (!/^\d+(\.\d{1,2})?$/.test(t)) { msg = '请输入数字，最多两位小数。'; }
      else if (parseFloat(t) > c.max) { msg = '超出范围：' + c.name + '最高 ' + c.max + ' 分。'; }
      if (msg) { ok = false; }
      err.textContent = msg;
      input.classList.toggle('bad', !!msg);
      var v = parseFloat(t);
      if (!isNaN(v)) { sum += v; vals.push(v); }
    });
    $('total').textContent = fmt(sum);
    $('submit').disabled = !ok;
    return ok ? vals : null;
  }

  function bodyOf(e, vals) { return e.sheet.criteria.length ? { criteria: vals } : { total: vals[0] }; }

  function send(no, body) {
    return fetch(api + '/scores/' + encodeURIComponent(no), {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (b) { return { status: r.status, body: b }; });
    });
  }

  // Sends what is kept; a network failure or a busy server keeps it for the next try, a refusal drops it.
  function flush() {
    var p = pending(), nos = Object.keys(p);
    if (!nos.length) { return Promise.resolve(); }
    return nos.reduce(function (chain, no) {
      return chain.then(function () {
        return send(no, p[no]).then(function (res) {
          if (res.status >= 500 || res.status === 429) { return; }
          var now = pending(); delete now[no]; savePending(now);
          if (res.status !== 200) { say('项目 ' + no + '：' + res.body.message); }
        });
      });
    }, Promise.resolve()).catch(function () { /* still offline: kept for the next try */ })
      .then(function () { showPending(); return load(shownNo); });
  }

  $('form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var e = list.entries[index], vals = check(e);
    if (!vals) { return; }
    var names = fieldsOf(e).map(function (c, i) { return c.name + ' ' + fmt(vals[i]); }).join('，');
    $('confirm-text').textContent = '项目 ' + e.project_no + '：' + names + '；合计 ' + $('total').textContent + ' 分。提交后不能修改，确认提交吗？';
    $('confirm').hidden = false;
    $('form').hidden = true;
  });
  $('confirm-no').addEventListener('click', function () { $('confirm').hidden = true; $('form').hidden = false; });
  $('confirm-yes').addEventListener('click', function () {
    var e = list.entries[index], vals = check(e);
    if (!vals) { return; }
    var body = bodyOf(e, vals), p = pending();
    p[e.project_no] = body; savePending(p);
    $('confirm').hidden = true;
    say('');
    send(e.project_no, body).then(function (res) {
      if (res.status >= 500 || res.status === 429) { say(res.body.message + ' 分数已保存在本机，稍后自动重新提交。'); $('form').hidden = false; return; }
      var now = pending(); delete now[e.project_no]; savePending(now);
      if (res.status === 200) { say('项目 ' + e.project_no + ' 的评分已提交。'); shownNo = null; return load(null); }
      say(res.body.message); shownNo = null; return load(e.project_no);
    }).catch(function () {
      say('网络中断：分数已保存在本机，网络恢复后自动重新提交。');
      $('form').hidden = false;
    });
  });
  $('prev').addEventListener('click', function () { if (index > 0) { index--; say(''); render(); } });
  $('next').addEventListener('click', function () { if (list && index < list.entries.length - 1) { index++; say(''); render(); } });
  window.addEventListener('online', flush);
  // Resend kept scores and pick up the secretariat's corrections while the page is open.
  setInterval(flush, 3000);
  setInterval(function () { if (!Object.keys(pending()).length) { load(shownNo); } }, 5000);
  showPending();
  flush().then(function () { if (!list) { return load(null); } });
})();
