// The operator console: reads /console/api/* and fills the page. No inline script and no
// innerHTML, so the Content-Security-Policy can forbid both and nothing from the data runs.
'use strict';

(function () {
  let texts = {};
  let language = 'en';

  function t(key, values) {
    let text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    for (const [name, value] of Object.entries(values || {})) {
      text = text.split('{' + name + '}').join(String(value));
    }
    return text;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function cell(row, content, className) {
    const td = element('td', className);
    if (content instanceof Node) td.appendChild(content);
    else td.textContent = content === null || content === undefined ? '—' : String(content);
    row.appendChild(td);
    return td;
  }

  function pill(text, tone, title) {
    const node = element('span', 'pill tone-' + tone, text);
    if (title) node.title = title;
    return node;
  }

  function formatTime(text) {
    if (!text) return '—';
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) return text;
    return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(date);
  }

  function formatMoney(amount, currency) {
    if (amount === null || amount === undefined) return '—';
    return amount + (currency ? ' ' + currency : '');
  }

  async function getJSON(path) {
    const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((body && (body.detail || body.title)) || 'HTTP ' + response.status);
    }
    return body;
  }

  function fillTable(id, rows, build) {
    const body = document.querySelector('#' + id + ' tbody');
    body.replaceChildren();
    for (const item of rows) {
      const row = element('tr');
      build(row, item);
      body.appendChild(row);
    }
    document.getElementById(id).hidden = rows.length === 0;
    document.getElementById(id + '-empty').hidden = rows.length !== 0;
  }

  function connectLink(account) {
    return '/taobao/connect' + (account ? '?account=' + encodeURIComponent(account) : '');
  }

  function renderSessions(data) {
    const integration = document.getElementById('integration');
    integration.hidden = false;
    integration.className = 'pill tone-' + (data.integrationEnabled ? 'success' : 'error');
    integration.textContent = t(data.integrationEnabled ? 'integrationEnabled' : 'integrationDisabled');

    const hint = document.getElementById('sessions-hint');
    hint.textContent = data.integrationEnabled
      ? t('sessionsHint', { hours: data.warnAfterHours })
      : t('integrationDisabledHint', { provider: data.providerType });

    const pending = document.getElementById('pending');
    if (data.pendingConnect) {
      const values = {
        account: data.pendingConnect.account,
        started: formatTime(data.pendingConnect.startedAt),
        expires: formatTime(data.pendingConnect.expiresAt),
      };
      pending.textContent = t(data.pendingConnect.account ? 'pendingAccount' : 'pending', values);
      pending.hidden = false;
    } else {
      pending.hidden = true;
    }

    fillTable('sessions', data.sessions, (row, session) => {
      const name = session.name || session.id;
      cell(row, name, 'account');
      const ageKnown = session.ageHours !== null && session.ageHours !== undefined;
      const hours = ageKnown
        ? Number(session.ageHours).toLocaleString(language, { maximumFractionDigits: 1 })
        : null;
      cell(row, ageKnown ? t('ageHours', { hours: hours }) : t('ageUnknown'), 'number');
      cell(row, formatTime(session.lastConnectedAt));
      cell(row, session.balance ? formatMoney(session.balance.amount, session.balance.currency) : null, 'number');
      let status;
      if (!ageKnown) status = pill(t('statusAgeUnknown'), 'muted', t('statusAgeUnknownTitle'));
      else if (session.expiresSoon) status = pill(t('statusReconnectSoon'), 'warning');
      else status = pill(t('statusOk'), 'success');
      cell(row, status);
      const button = element('a', session.expiresSoon || !ageKnown ? 'button primary' : 'button', t('reconnect'));
      button.href = connectLink(session.name);
      cell(row, button, 'row-actions');
      if (session.expiresSoon) row.className = 'row-warning';
    });
  }

  function renderOrders(data) {
    fillTable('orders', data.orders, (row, order) => {
      cell(row, order.id, 'mono');
      cell(row, order.externalId);
      cell(row, order.state === 'cancelled' ? pill(t('orderCancelled'), 'muted') : order.status);
      cell(row, formatMoney(order.totalAmount, order.currency), 'number');
      if (order.payment) {
        const state = order.payment.state;
        let tone = 'warning';
        if (state === 'verified' || state === 'reserved') tone = 'success';
        else if (state === 'incomplete' || state === 'reconciling') tone = 'error';
        cell(row, pill(t('paymentState_' + state), tone));
      } else {
        cell(row, pill(t('notPaid'), 'muted'));
      }
      if (order.export) {
        const state = order.export.state;
        let tone = 'warning';
        if (state === 'finished') tone = 'success';
        else if (state === 'running') tone = 'info';
        cell(row, pill(t('activityState_' + state), tone));
      } else {
        cell(row, pill(t('notExported'), 'muted'));
      }
      cell(row, formatTime(order.createdAt));
    });
  }

  function renderPayments(data) {
    fillTable('payments', data.payments, (row, payment) => {
      cell(row, payment.id, 'mono');
      cell(row, payment.orderId, 'mono');
      cell(row, pill(t('paymentState_' + payment.state), 'error'));
      cell(row, formatMoney(payment.amount, payment.currency), 'number');
      cell(row, formatMoney(payment.depositedAmount, payment.currency), 'number');
      cell(row, formatMoney(payment.reservedAmount, payment.currency), 'number');
      cell(row, payment.lastError, 'reason');
      cell(row, formatTime(payment.updatedAt));
    });
  }

  async function answerActivity(activity, action, button) {
    button.disabled = true;
    const path = '/console/api/activities/' + encodeURIComponent(activity.type) + '/' +
      encodeURIComponent(activity.id) + '/actions/' + encodeURIComponent(action.id);
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-OTGW-Console': '1' },
    });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      const banner = document.getElementById('load-error');
      banner.textContent = t('actionFailed', { reason: (body && (body.detail || body.title)) || 'HTTP ' + response.status });
      banner.hidden = false;
      button.disabled = false;
      return;
    }
    await load();
  }

  function renderActivities(data) {
    fillTable('activities', data.activities, (row, activity) => {
      cell(row, activity.type + ' ' + activity.id, 'mono');
      cell(row, activity.orderId, 'mono');
      cell(row, formatTime(activity.updatedAt));
      const actions = element('span', 'row-actions');
      for (const action of activity.actions || []) {
        const button = element('button', 'button', action.displayName || action.id);
        button.type = 'button';
        button.dataset.actionId = action.id;
        button.addEventListener('click', () => answerActivity(activity, action, button));
        actions.appendChild(button);
      }
      if (activity.problem) actions.appendChild(element('span', 'reason', activity.problem));
      cell(row, actions, 'row-actions');
    });
  }

  function applyTexts() {
    document.documentElement.lang = language;
    document.title = t('title');
    for (const node of document.querySelectorAll('[data-i18n]')) {
      // Without loaded texts the page keeps the English written into it rather than showing keys.
      if (Object.prototype.hasOwnProperty.call(texts, node.dataset.i18n)) {
        node.textContent = t(node.dataset.i18n);
      }
    }
    for (const link of document.querySelectorAll('#lang-switch a')) {
      const current = link.dataset.lang === language;
      link.classList.toggle('lang-current', current);
      if (current) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
  }

  async function load() {
    const errors = [];
    const parts = [
      ['/console/api/sessions', renderSessions, 'whatSessions'],
      ['/console/api/orders', renderOrders, 'whatOrders'],
      ['/console/api/payments', renderPayments, 'whatPayments'],
      ['/console/api/activities', renderActivities, 'whatActivities'],
    ];
    await Promise.all(parts.map(async ([path, render, what]) => {
      try {
        render(await getJSON(path));
      } catch (error) {
        errors.push(t('loadFailed', { what: t(what), reason: error.message }));
      }
    }));
    const banner = document.getElementById('load-error');
    banner.textContent = errors.join(' ');
    banner.hidden = errors.length === 0;
    document.getElementById('updated').textContent = t('updatedAt', { time: formatTime(new Date().toISOString()) });
    document.body.dataset.loaded = 'true';
  }

  async function start() {
    const requested = new URLSearchParams(window.location.search).get('lang');
    try {
      const answer = await getJSON('/console/api/texts' + (requested ? '?lang=' + encodeURIComponent(requested) : ''));
      texts = answer.texts;
      language = answer.language;
    } catch (error) {
      texts = {};
    }
    applyTexts();
    document.getElementById('refresh').addEventListener('click', load);
    await load();
  }

  document.addEventListener('DOMContentLoaded', start);
})();
