export const id = 155;
export const ids = [155];
export const modules = {

/***/ 5155:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runNotify: () => (/* binding */ runNotify)
});

// EXTERNAL MODULE: ./src/runtime/inputs.ts
var inputs = __webpack_require__(2291);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/runtime/errors.ts
var errors = __webpack_require__(9541);
;// CONCATENATED MODULE: ./src/notify/clip.ts
/** Shortens text to a provider's limit (in UTF-16 code units, as the services count), ending with "…". */
function clip(text, max) {
    if (text.length <= max)
        return text;
    let cut = text.slice(0, Math.max(0, max - 1));
    // Never leave half of a surrogate pair behind.
    if (/[\uD800-\uDBFF]$/.test(cut))
        cut = cut.slice(0, -1);
    return `${cut}…`;
}
/** Escapes text and clips it so the escaped form fits `max`, without ever cutting an escape sequence. */
function clipEscaped(text, max, escape) {
    let raw = text;
    let escaped = escape(raw);
    while (escaped.length > max) {
        raw = clip(raw, Math.max(1, Math.min(raw.length - 1, Math.floor((raw.length * max) / escaped.length))));
        escaped = escape(raw);
    }
    return escaped;
}

;// CONCATENATED MODULE: ./src/notify/escaping.ts
/**
 * Untrusted text (PR titles, versions, release notes, messages) made inert for each provider's markup.
 * Clip before escaping, so a limit never cuts an escape sequence in half.
 */
/** Slack mrkdwn: the three control characters Slack documents; `<!channel>`, `<@U…>` and links become text. */
function slackText(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** A Slack link `<url|label>`: the label is escaped and may not contain the `|` separator. */
function slackLink(url, label) {
    return `<${slackUrl(url)}|${slackText(label).replace(/\|/g, '¦')}>`;
}
function slackUrl(url) {
    return url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}
const ZERO_WIDTH_SPACE = '\u200b';
/**
 * Discord markdown. `allowed_mentions: {parse: []}` already stops pings; breaking `@everyone`,
 * `@here` and `<@…>` as well keeps them from even looking like mentions.
 */
function discordText(text) {
    return text
        .replace(/[\\*_~`|[\]<]/g, '\\$&')
        .replace(/^(\s*)([-#>]|\d+\.)/gm, '$1\\$2')
        .replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}
/** Adaptive Card TextBlock / FactSet markdown in Teams: emphasis, links, lists and `<at>` tags made literal. */
function teamsText(text) {
    return text.replace(/[\\*_~`[\]<>]/g, '\\$&').replace(/^(\s*)([-+#]|\d+\.)/gm, '$1\\$2');
}
/** HTML text: Google Chat card text (a small HTML subset) and email bodies. */
function htmlText(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
/** A URL inside markdown `[label](url)`: parentheses and whitespace would end the link early. */
function markdownUrl(url) {
    return url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, (c) => encodeURIComponent(c));
}

// EXTERNAL MODULE: ./src/runtime/duration.ts
var duration = __webpack_require__(1170);
;// CONCATENATED MODULE: ./src/notify/retry.ts

const systemClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random(),
};
const DEFAULT_POLICY = { timeoutMs: 60_000, baseMs: 500, maxDelayMs: 15_000, maxAttempts: 6 };
class DeliveryFailure extends Error {
    attempts;
    name = 'DeliveryFailure';
    constructor(message, attempts) {
        super(message);
        this.attempts = attempts;
    }
}
/** Exponential backoff with equal jitter: half the delay fixed, half random, so retries spread out. */
function backoffMs(retry, policy, random) {
    const delay = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** (retry - 1));
    return Math.round(delay / 2 + (random * delay) / 2);
}
/**
 * The one retry policy for every provider: network errors and 5xx back off exponentially with
 * jitter, a 429 waits exactly as long as the service asked, a permanent failure stops at once, and
 * nothing runs past the overall timeout. `attempt` gets the milliseconds left for its own deadline.
 */
async function withRetry(attempt, policy, clock = systemClock) {
    const deadline = clock.now() + policy.timeoutMs;
    for (let count = 1;; count += 1) {
        const outcome = await attempt(Math.max(1, deadline - clock.now()));
        if (outcome.done)
            return { value: outcome.value, attempts: count };
        if (!outcome.retryable)
            throw new DeliveryFailure(`${outcome.reason} (permanent, not retried)`, count);
        const tries = `${count} attempt${count === 1 ? '' : 's'}`;
        if (count >= policy.maxAttempts)
            throw new DeliveryFailure(`${outcome.reason}; gave up after ${tries}`, count);
        const wait = outcome.waitMs ?? backoffMs(count, policy, clock.random());
        const left = deadline - clock.now();
        if (wait >= left) {
            const asked = outcome.waitMs !== undefined ? `asked to wait ${(0,duration/* formatDuration */.a)(wait)}` : `next retry in ${(0,duration/* formatDuration */.a)(wait)}`;
            throw new DeliveryFailure(`${outcome.reason}; ${asked}, past the ${(0,duration/* formatDuration */.a)(policy.timeoutMs)} timeout, after ${tries}`, count);
        }
        await clock.sleep(wait);
    }
}
/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
function parseRetryAfter(value, now) {
    if (!value)
        return undefined;
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.ceil(Number(text) * 1000);
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

;// CONCATENATED MODULE: ./src/notify/http-request.ts


function excerpt(text) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** Seconds Discord puts in a 429's JSON body (`retry_after`), which is more precise than its header. */
function bodyRetryAfter(json) {
    const value = json?.retry_after;
    return typeof value === 'number' && value >= 0 ? Math.ceil(value * 1000) : undefined;
}
function classifyHttp(response, now) {
    const { status } = response;
    if (status >= 200 && status < 300)
        return { done: true, value: response };
    const said = excerpt(response.text);
    const reason = `HTTP ${status}${said ? `: ${said}` : ''}`;
    if (status === 429) {
        const waitMs = bodyRetryAfter(response.json) ?? parseRetryAfter(response.headers.get('retry-after'), now);
        return { done: false, retryable: true, reason: `rate limited (${reason})`, waitMs };
    }
    if (status >= 500)
        return { done: false, retryable: true, reason };
    return { done: false, retryable: false, reason };
}
function networkReason(error, timeoutMs) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
        return `no answer within ${(0,duration/* formatDuration */.a)(timeoutMs)}`;
    const cause = error instanceof Error ? error.cause : undefined;
    return `network error: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`;
}
/** Sends one request under the shared retry policy. Errors never carry the URL: it is a secret. */
async function sendHttp(request, options) {
    const doFetch = options.fetch ?? fetch;
    const classify = options.classify ?? classifyHttp;
    const { value, attempts } = await withRetry(async (remainingMs) => {
        let raw;
        let text;
        try {
            raw = await doFetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(remainingMs) });
            text = await raw.text();
        }
        catch (error) {
            return { done: false, retryable: true, reason: networkReason(error, remainingMs) };
        }
        return classify({ status: raw.status, headers: raw.headers, text, json: parseJson(text) }, options.clock.now());
    }, options.policy, options.clock);
    return { response: value, attempts };
}

;// CONCATENATED MODULE: ./src/notify/discord.ts



const DISCORD_COLORS = { progress: 0x1d9bd1, success: 0x2eb67d, failure: 0xe01e5a, warning: 0xecb22e, neutral: 0x868686 };
/** Discord's embed limits: title 256, description 4,096, 25 fields (name 256, value 1,024), footer 2,048, 6,000 in all. */
const LIMIT = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048 };
function discord_link(label, url, max) {
    return `[${clipEscaped(label, max - url.length - 4, discordText)}](${markdownUrl(url)})`;
}
/** One embed with colour and status, fields and links; `allowed_mentions: {parse: []}` so nothing in it can ping. */
function buildDiscordPayload(message, now) {
    const fields = message.fields.slice(0, LIMIT.fields - 2).map((field) => ({
        name: clip(field.label, LIMIT.fieldName),
        value: field.url && field.url.length < 500 ? discord_link(field.value, field.url, 400) : clipEscaped(field.value, 400, discordText),
        inline: true,
    }));
    if (message.excerpt)
        fields.push({ name: 'Release notes', value: clipEscaped(message.excerpt, 1000, discordText), inline: false });
    const links = message.links.filter((l) => l.url.length < 300).map((l) => discord_link(l.label, l.url, 330));
    if (links.length > 0)
        fields.push({ name: 'Links', value: links.join('  ·  '), inline: false });
    const embed = {
        title: clipEscaped(message.title, LIMIT.title, discordText),
        color: DISCORD_COLORS[message.tone],
        fields,
        footer: { text: clip([message.statusLabel, message.repository, message.event].filter(Boolean).join(' · '), LIMIT.footer) },
        timestamp: now.toISOString(),
    };
    if (message.text)
        embed.description = clipEscaped(message.text, 3000, discordText);
    return { embeds: [embed], allowed_mentions: { parse: [] } };
}
/** Posts with `?wait=true` (so Discord returns the message and its id) or edits that message with PATCH. */
function planDiscord(destination, message, ref, context) {
    const payload = buildDiscordPayload(message, context.now);
    const thread = ref?.thread ?? destination.thread;
    const url = new URL(destination.webhookUrl);
    const editing = ref?.id !== undefined;
    if (editing)
        url.pathname = `${url.pathname.replace(/\/+$/, '')}/messages/${encodeURIComponent(ref.id ?? '')}`;
    else
        url.searchParams.set('wait', 'true');
    if (thread)
        url.searchParams.set('thread_id', thread);
    context.mask(url.toString());
    const method = editing ? 'PATCH' : 'POST';
    return {
        action: editing ? 'edited' : 'posted',
        target: editing ? 'Discord webhook: PATCH /messages/{id}' : 'Discord webhook: POST ?wait=true',
        payload,
        send: async (sendContext) => {
            const request = { method: method, url: url.toString(), headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
            const { response, attempts } = await sendHttp(request, sendContext);
            const id = response.json?.id;
            return { ref: { provider: 'discord', id: typeof id === 'string' ? id : ref?.id, ...(thread ? { thread } : {}) }, attempts };
        },
    };
}

;// CONCATENATED MODULE: ./src/notify/email.ts


const COLORS = { progress: '#1D9BD1', success: '#2EB67D', failure: '#E01E5A', warning: '#ECB22E', neutral: '#868686' };
/** A plain-text and an HTML part saying the same thing; the HTML escapes every untrusted value. */
function buildEmail(message, settings) {
    const subject = `${message.repository ? `[${message.repository}] ` : ''}${message.title}`.replace(/[\r\n]+/g, ' ');
    const text = [
        `${message.statusLabel}: ${message.title}`,
        ...(message.text ? ['', message.text] : []),
        '',
        ...message.fields.map((field) => `${field.label}: ${field.value}${field.url ? ` <${field.url}>` : ''}`),
        ...(message.excerpt ? ['', 'Release notes:', message.excerpt] : []),
        ...(message.links.length > 0 ? ['', ...message.links.map((link) => `${link.label}: ${link.url}`)] : []),
    ].join('\n');
    const href = (url) => htmlText(url);
    const rows = message.fields
        .map((field) => {
        const value = field.url ? `<a href="${href(field.url)}">${htmlText(field.value)}</a>` : htmlText(field.value);
        return `<tr><th align="left" style="padding:2px 12px 2px 0">${htmlText(field.label)}</th><td>${value}</td></tr>`;
    })
        .join('');
    const html = [
        '<!doctype html><html><body style="font-family:sans-serif">',
        `<p style="margin:0;color:${COLORS[message.tone]};font-weight:bold">${htmlText(message.statusLabel)}</p>`,
        `<h2 style="margin:4px 0 12px">${htmlText(message.title)}</h2>`,
        message.text ? `<p>${htmlText(message.text).replace(/\r?\n/g, '<br>')}</p>` : '',
        rows ? `<table>${rows}</table>` : '',
        message.excerpt ? `<h3>Release notes</h3><blockquote>${htmlText(message.excerpt).replace(/\r?\n/g, '<br>')}</blockquote>` : '',
        message.links.length > 0 ? `<p>${message.links.map((link) => `<a href="${href(link.url)}">${htmlText(link.label)}</a>`).join(' · ')}</p>` : '',
        '</body></html>',
    ].join('');
    return {
        from: settings.from,
        to: settings.to,
        subject,
        text,
        html,
        messageId: settings.messageId,
        ...(settings.inReplyTo ? { inReplyTo: settings.inReplyTo, references: settings.inReplyTo } : {}),
    };
}
const TRANSIENT_CODES = ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET'];
/** SMTP 4xx replies and dropped connections are transient; 5xx replies and bad credentials are not. */
function classifySmtpError(error) {
    const e = error;
    const said = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim();
    const reason = `SMTP ${e.responseCode && !said.startsWith(String(e.responseCode)) ? `${e.responseCode} ` : ''}${said}`;
    if (e.responseCode)
        return { done: false, retryable: e.responseCode >= 400 && e.responseCode < 500, reason };
    return { done: false, retryable: TRANSIENT_CODES.includes(e.code ?? ''), reason };
}
async function sendEmail(destination, email, context) {
    const { createTransport } = await __webpack_require__.e(/* import() */ 739).then(__webpack_require__.bind(__webpack_require__, 6739));
    const { smtp } = destination;
    const { attempts } = await withRetry(async (remainingMs) => {
        const transport = createTransport({
            host: smtp.host,
            port: smtp.port,
            secure: smtp.secure,
            ...(smtp.username ? { auth: { user: smtp.username, pass: smtp.password ?? '' } } : {}),
            connectionTimeout: remainingMs,
            greetingTimeout: remainingMs,
            socketTimeout: remainingMs,
        });
        try {
            await transport.sendMail(email);
            return { done: true, value: true };
        }
        catch (error) {
            return classifySmtpError(error);
        }
        finally {
            transport.close();
        }
    }, context.policy, context.clock);
    return { attempts };
}
/** Mail cannot be edited: an update is a reply to the first message, threaded by In-Reply-To. */
function planEmail(destination, message, ref, context) {
    const domain = destination.from.replace(/.*@/, '').replace(/[>\s]/g, '') || 'slipway.invalid';
    const email = buildEmail(message, { from: destination.from, to: destination.to, messageId: `<${context.newId()}@${domain}>`, inReplyTo: ref?.id });
    return {
        action: ref?.id ? 'replied' : 'posted',
        target: `SMTP ${destination.smtp.host}:${destination.smtp.port}`,
        payload: email,
        send: async (sendContext) => {
            const { attempts } = await sendEmail(destination, email, sendContext);
            return { ref: { provider: 'email', id: ref?.id ?? email.messageId }, attempts };
        },
    };
}

;// CONCATENATED MODULE: ./src/notify/google-chat.ts



const google_chat_COLORS = { progress: '#1D9BD1', success: '#188038', failure: '#D93025', warning: '#E37400', neutral: '#5F6368' };
const html = (text, max) => clipEscaped(text, max, htmlText).replace(/\r?\n/g, '<br>');
const attribute = (url) => url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '%3C').replace(/>/g, '%3E');
/**
 * A cardsV2 card. Card text is a small HTML subset, so all untrusted text is HTML-escaped and kept
 * out of the plain header; the thread key groups every message of one run.
 */
function buildGoogleChatPayload(message, threadKey) {
    const widgets = [
        { textParagraph: { text: `<font color="${google_chat_COLORS[message.tone]}"><b>${htmlText(message.statusLabel)}</b></font>  <b>${html(message.title, 500)}</b>` } },
    ];
    if (message.text)
        widgets.push({ textParagraph: { text: html(message.text, 4000) } });
    for (const field of message.fields) {
        const value = html(field.value, 500);
        widgets.push({ decoratedText: { topLabel: field.label, text: field.url ? `<a href="${attribute(field.url)}">${value}</a>` : value } });
    }
    const sections = [{ widgets }];
    if (message.excerpt)
        sections.push({ header: 'Release notes', collapsible: true, uncollapsibleWidgetsCount: 1, widgets: [{ textParagraph: { text: html(message.excerpt, 2000) } }] });
    if (message.links.length > 0) {
        sections.push({ widgets: [{ buttonList: { buttons: message.links.map((link) => ({ text: link.label, onClick: { openLink: { url: link.url } } })) } }] });
    }
    return {
        cardsV2: [{ cardId: 'slipway-notification', card: { header: { title: message.repository ?? 'Slipway', subtitle: `${message.statusLabel} · ${message.event}` }, sections } }],
        thread: { threadKey },
    };
}
/** Webhooks cannot edit a message, so an update is a reply in the message's thread. */
function planGoogleChat(destination, message, ref, context) {
    const threadKey = ref?.thread ?? destination.thread ?? context.runThreadKey;
    const payload = buildGoogleChatPayload(message, threadKey);
    const url = new URL(destination.webhookUrl);
    url.searchParams.set('messageReplyOption', 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD');
    context.mask(url.toString());
    return {
        action: ref ? 'replied' : 'posted',
        target: 'Google Chat webhook (messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD)',
        payload,
        send: async (sendContext) => {
            const request = { method: 'POST', url: url.toString(), headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(payload) };
            const { response, attempts } = await sendHttp(request, sendContext);
            const name = response.json?.name;
            return { ref: { provider: 'google-chat', thread: threadKey, ...(typeof name === 'string' ? { id: name } : ref?.id ? { id: ref.id } : {}) }, attempts };
        },
    };
}

;// CONCATENATED MODULE: ./src/notify/redact.ts
/** Replaces every known secret in a text, longest first so a URL's parts never survive its masking. */
function redact(text, secrets) {
    let out = text;
    for (const secret of [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
        out = out.split(secret).join('***');
    }
    return out;
}

;// CONCATENATED MODULE: ./src/notify/slack-web-api.ts

/** Slack errors worth another try; any other `ok:false` is the caller's mistake. */
const SLACK_TRANSIENT_ERRORS = ['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'];
const silent = { debug() { }, info() { }, warn() { }, error() { }, setLevel() { }, getLevel: () => 'error', setName() { } };
/** Maps the SDK's errors onto the shared policy; the SDK's own retries are off so only one policy runs. */
function classify(error) {
    const e = error;
    switch (e.code) {
        case 'slack_webapi_rate_limited_error':
            return { done: false, retryable: true, reason: 'rate limited by Slack', waitMs: Math.ceil((e.retryAfter ?? 1) * 1000) };
        case 'slack_webapi_platform_error': {
            const code = e.data?.error ?? 'unknown_error';
            return { done: false, retryable: SLACK_TRANSIENT_ERRORS.includes(code), reason: `Slack answered ok:false: ${code}` };
        }
        case 'slack_webapi_http_error':
            return { done: false, retryable: (e.statusCode ?? 0) >= 500, reason: `HTTP ${e.statusCode}` };
        case 'slack_webapi_request_error':
            return { done: false, retryable: true, reason: `network error: ${e.original?.message ?? 'request failed'}` };
        default:
            return { done: false, retryable: false, reason: e.message ?? String(error) };
    }
}
/** Calls `chat.postMessage` / `chat.update` through `@slack/web-api`, loaded only when a token is used. */
async function sendSlackApi(token, method, args, context) {
    const { WebClient } = await __webpack_require__.e(/* import() */ 105).then(__webpack_require__.t.bind(__webpack_require__, 5105, 23));
    return withRetry(async (remainingMs) => {
        const client = new WebClient(token, {
            slackApiUrl: context.slackApiUrl,
            logger: silent,
            retryConfig: { retries: 0 },
            rejectRateLimitedCalls: true,
            allowAbsoluteUrls: false,
            timeout: remainingMs,
        });
        try {
            const value = (await client.apiCall(method, args));
            return { done: true, value };
        }
        catch (error) {
            return classify(error);
        }
    }, context.policy, context.clock);
}

;// CONCATENATED MODULE: ./src/notify/slack.ts




const SLACK_COLORS = { progress: '#1D9BD1', success: '#2EB67D', failure: '#E01E5A', warning: '#ECB22E', neutral: '#868686' };
const STATUS_EMOJI = { progress: ':hourglass_flowing_sand:', success: ':white_check_mark:', failure: ':x:', warning: ':warning:', neutral: ':information_source:' };
/** Slack's documented limits: section text 3,000, a field 2,000, 10 fields, button text 75, button URL 3,000. */
const slack_LIMIT = { section: 3000, field: 2000, fields: 10, button: 75, url: 3000, fallback: 3000 };
/** Block Kit in a coloured attachment: headline and text, fields, release notes, link buttons, status line. */
function buildSlackMessage(message) {
    const headline = `*${clipEscaped(message.title, 300, slackText)}*`;
    const body = message.text ? `\n${clipEscaped(message.text, slack_LIMIT.section - headline.length - 1, slackText)}` : '';
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: `${headline}${body}` } }];
    if (message.fields.length > 0) {
        const fields = message.fields.slice(0, slack_LIMIT.fields).map((field) => {
            const value = field.url ? slackLink(field.url, clip(field.value, 500)) : clipEscaped(field.value, 500, slackText);
            return { type: 'mrkdwn', text: `*${field.label}*\n${value}` };
        });
        blocks.push({ type: 'section', fields });
    }
    if (message.excerpt) {
        const quoted = clipEscaped(message.excerpt, slack_LIMIT.section - 40, slackText).replace(/^/gm, '>');
        blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Release notes*\n${quoted}` } });
    }
    const buttons = message.links
        .filter((link) => link.url.length <= slack_LIMIT.url)
        .map((link) => ({ type: 'button', text: { type: 'plain_text', text: clip(link.label, slack_LIMIT.button), emoji: true }, url: link.url }));
    if (buttons.length > 0)
        blocks.push({ type: 'actions', elements: buttons });
    const status = [`${STATUS_EMOJI[message.tone]} *${message.statusLabel}*`, message.repository ? slackText(message.repository) : undefined, message.event].filter(Boolean).join('  ·  ');
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: status }] });
    const fallback = clipEscaped(`${message.statusLabel}: ${message.title}`, slack_LIMIT.fallback, slackText);
    return { text: fallback, attachments: [{ color: SLACK_COLORS[message.tone], fallback, blocks }] };
}
/** Incoming webhooks answer `ok`; a JSON `ok:false` (as the Web API answers) is a failure even with HTTP 200. */
function classifySlackWebhook(response, now) {
    const outcome = classifyHttp(response, now);
    const json = response.json;
    if (!outcome.done || json?.ok !== false)
        return outcome;
    const error = typeof json.error === 'string' ? json.error : 'unknown_error';
    return { done: false, retryable: SLACK_TRANSIENT_ERRORS.includes(error), reason: `Slack answered ok:false: ${error}` };
}
function planSlack(destination, message, ref, _context) {
    const built = buildSlackMessage(message);
    const thread = ref?.thread ?? destination.thread;
    if (destination.token) {
        const channel = ref?.channel ?? destination.channel ?? '';
        const editable = ref?.id !== undefined;
        const args = editable ? { channel, ts: ref.id, ...built } : { channel, ...built, ...(thread ? { thread_ts: thread } : {}) };
        const method = editable ? 'chat.update' : 'chat.postMessage';
        const token = destination.token;
        return {
            action: editable ? 'edited' : 'posted',
            target: `Slack Web API ${method}`,
            payload: args,
            send: async (context) => {
                const { value, attempts } = await sendSlackApi(token, method, args, context);
                return { ref: { provider: 'slack', channel: value.channel ?? channel, id: value.ts ?? ref?.id, ...(thread ? { thread } : {}) }, attempts };
            },
        };
    }
    // An incoming webhook cannot edit and does not say which message it posted: an update is a new message, in the thread when one is known.
    const payload = thread ? { ...built, thread_ts: thread } : built;
    const url = destination.webhookUrl ?? '';
    return {
        action: ref && thread ? 'replied' : 'posted',
        target: 'Slack incoming webhook',
        payload,
        send: async (context) => {
            const request = { method: 'POST', url, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(payload) };
            const { attempts } = await sendHttp(request, { ...context, classify: classifySlackWebhook });
            return { ref: { provider: 'slack', ...(thread ? { thread } : {}) }, attempts };
        },
    };
}

;// CONCATENATED MODULE: ./src/notify/teams.ts



const CONTAINER_STYLE = { progress: 'accent', success: 'good', failure: 'attention', warning: 'warning', neutral: 'emphasis' };
const TEXT_COLOR = { progress: 'Accent', success: 'Good', failure: 'Attention', warning: 'Warning', neutral: 'Default' };
/** An Adaptive Card, version 1.4 (the newest Teams renders everywhere): styled header, facts, notes, link actions. */
function buildTeamsCard(message) {
    const body = [
        {
            type: 'Container',
            style: CONTAINER_STYLE[message.tone],
            bleed: true,
            items: [
                { type: 'TextBlock', text: teamsText(message.statusLabel), size: 'Small', weight: 'Bolder', color: TEXT_COLOR[message.tone], wrap: true },
                { type: 'TextBlock', text: clipEscaped(message.title, 400, teamsText), size: 'Large', weight: 'Bolder', wrap: true },
            ],
        },
    ];
    if (message.text)
        body.push({ type: 'TextBlock', text: clipEscaped(message.text, 4000, teamsText), wrap: true });
    if (message.fields.length > 0) {
        const facts = message.fields.map((field) => {
            const value = clipEscaped(field.value, 300, teamsText);
            return { title: field.label, value: field.url ? `[${value}](${markdownUrl(field.url)})` : value };
        });
        body.push({ type: 'FactSet', facts });
    }
    if (message.excerpt) {
        body.push({ type: 'TextBlock', text: 'Release notes', weight: 'Bolder', wrap: true, spacing: 'Medium' });
        body.push({ type: 'TextBlock', text: clipEscaped(message.excerpt, 2000, teamsText), wrap: true, isSubtle: true });
    }
    return {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        msteams: { width: 'Full' },
        body,
        actions: message.links.map((link) => ({ type: 'Action.OpenUrl', title: clip(link.label, 80), url: link.url })),
    };
}
/** The envelope the Teams Workflows "post to a channel when a webhook request is received" flow expects. */
function buildTeamsPayload(message) {
    return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: buildTeamsCard(message) }] };
}
/** Workflows webhooks answer 202 and return no message id, so an update is a new card. */
function planTeams(destination, message, _ref, _context) {
    const payload = buildTeamsPayload(message);
    return {
        action: 'posted',
        target: 'Teams Workflows webhook',
        payload,
        send: async (context) => {
            const request = { method: 'POST', url: destination.webhookUrl, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
            const { attempts } = await sendHttp(request, context);
            return { ref: { provider: 'teams' }, attempts };
        },
    };
}

;// CONCATENATED MODULE: ./src/notify/webhook.ts


const SIGNATURE_HEADER = 'X-Slipway-Signature';
/** `sha256=<hex HMAC of the exact body>`, as GitHub signs its own webhooks. */
function signBody(body, secret) {
    return `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
/**
 * Plain JSON for any receiver: raw text (receivers escape for their own output), the message id,
 * and `action: update` with the same id when a later step changes the message.
 */
function buildWebhookPayload(message, id, update, now) {
    return {
        id,
        action: update ? 'update' : 'create',
        event: message.event,
        status: message.tone,
        statusLabel: message.statusLabel,
        title: message.title,
        ...(message.text ? { text: message.text } : {}),
        ...Object.fromEntries(Object.entries(message.data).filter(([key, value]) => value !== undefined && key !== 'event')),
        ...(message.excerpt ? { 'release-notes': message.excerpt } : {}),
        fields: message.fields,
        links: message.links,
        timestamp: now.toISOString(),
    };
}
function planWebhook(destination, message, ref, context) {
    const id = ref?.id ?? context.newId();
    const payload = buildWebhookPayload(message, id, ref?.id !== undefined, context.now);
    const body = JSON.stringify(payload);
    const headers = { 'content-type': 'application/json', 'user-agent': 'slipway-notify', 'x-slipway-event': message.event, 'x-slipway-message-id': id };
    if (destination.secret)
        headers[SIGNATURE_HEADER.toLowerCase()] = signBody(body, destination.secret);
    return {
        action: ref?.id ? 'edited' : 'posted',
        target: `generic webhook${destination.secret ? ' (signed)' : ''}`,
        payload,
        send: async (context) => {
            const { attempts } = await sendHttp({ method: 'POST', url: destination.webhookUrl, headers, body }, context);
            return { ref: { provider: 'webhook', id }, attempts };
        },
    };
}

;// CONCATENATED MODULE: ./src/notify/deliver.ts










function planDelivery(destination, message, ref, context) {
    switch (destination.provider) {
        case 'slack':
            return planSlack(destination, message, ref, context);
        case 'teams':
            return planTeams(destination, message, ref, context);
        case 'discord':
            return planDiscord(destination, message, ref, context);
        case 'google-chat':
            return planGoogleChat(destination, message, ref, context);
        case 'webhook':
            return planWebhook(destination, message, ref, context);
        case 'email':
            return planEmail(destination, message, ref, context);
    }
}
function secretsOf(destination) {
    switch (destination.provider) {
        case 'slack':
            return [destination.webhookUrl, destination.token].filter((s) => !!s);
        case 'webhook':
            return [destination.webhookUrl, destination.secret].filter((s) => !!s);
        case 'email':
            return destination.smtp.password ? [destination.smtp.password] : [];
        default:
            return [destination.webhookUrl];
    }
}
/**
 * Sends the message to every destination at once, each under the shared retry policy, and reports
 * each one's result; one destination failing never stops the others.
 */
async function deliver(destinations, message, options) {
    const secrets = new Set();
    const mask = (secret) => {
        secrets.add(secret);
        options.mask(secret);
    };
    const context = { mask, newId: options.newId ?? external_node_crypto_.randomUUID, runThreadKey: options.runThreadKey, now: options.now ?? new Date() };
    return Promise.all(destinations.map(async (destination) => {
        secretsOf(destination).forEach(mask);
        const ref = options.refs?.[destination.id];
        const usable = ref && ref.provider === destination.provider ? ref : undefined;
        const base = { destination: destination.id, label: destination.label, provider: destination.provider };
        let delivery;
        try {
            delivery = planDelivery(destination, message, usable, context);
        }
        catch (error) {
            return { ...base, outcome: 'failed', action: 'posted', attempts: 0, target: destination.provider, error: redact((0,errors/* oneLine */.TN)(error), secrets) };
        }
        const planned = { ...base, action: delivery.action, target: delivery.target };
        if (options.dryRun)
            return { ...planned, outcome: 'dry-run', attempts: 0, payload: delivery.payload };
        try {
            const { ref: sent, attempts } = await delivery.send(options);
            return { ...planned, outcome: 'delivered', attempts, ref: sent };
        }
        catch (error) {
            const attempts = error instanceof DeliveryFailure ? error.attempts : 1;
            return { ...planned, outcome: 'failed', attempts, error: redact((0,errors/* oneLine */.TN)(error), secrets) };
        }
    }));
}
/** The `message-ids` output: where each delivered message lives, for a later `update`. */
function messageIds(results) {
    return Object.fromEntries(results.filter((r) => r.ref).map((r) => [r.destination, r.ref]));
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/notify/destinations.ts


const PROVIDERS = ['slack', 'teams', 'discord', 'google-chat', 'webhook', 'email'];
/** Values that must be masked the moment they are read. */
const SECRET_SETTINGS = (/* unused pure expression or super */ null && (['webhook-url', 'slack-token', 'webhook-secret', 'smtp-password']));
const ALLOWED = {
    slack: ['webhook-url', 'slack-token', 'channel', 'thread'],
    teams: ['webhook-url'],
    discord: ['webhook-url', 'thread'],
    'google-chat': ['webhook-url', 'thread'],
    webhook: ['webhook-url', 'webhook-secret'],
    email: ['smtp-host', 'smtp-port', 'smtp-secure', 'smtp-username', 'smtp-password', 'email-from', 'email-to'],
};
const URL_IN_TEXT = /https?:\/\/[^\s'"<>]+/g;
class Reader {
    settings;
    where;
    input;
    constructor(settings, where, input) {
        this.settings = settings;
        this.where = where;
        this.input = input;
    }
    fail(message) {
        throw new errors/* InputError */.dz(this.input, `${this.where}: ${message}`);
    }
    text(key) {
        const value = this.settings[key];
        if (value === undefined || value === null || value === '')
            return undefined;
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
            this.fail(`'${key}' must be a single value.`);
        return String(value).trim() || undefined;
    }
    required(key) {
        return this.text(key) ?? this.fail(`'${key}' is required.`);
    }
    /** Checked without ever quoting the value: webhook URLs carry their credentials. */
    url(key) {
        const value = this.required(key);
        let parsed;
        try {
            parsed = new URL(value);
        }
        catch {
            parsed = undefined;
        }
        if (!parsed || !['http:', 'https:'].includes(parsed.protocol))
            this.fail(`'${key}' must be an http(s) URL (value hidden: it is a secret).`);
        return value;
    }
}
function emailList(value) {
    const items = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\r\n,;]+/);
    return items.map((item) => item.trim()).filter(Boolean);
}
function toDestination(settings, index, where, input) {
    const read = new Reader(settings, where, input);
    const provider = read.required('provider');
    if (!PROVIDERS.includes(provider))
        read.fail(`'provider' must be one of ${PROVIDERS.map((p) => `\`${p}\``).join(', ')}; got ${JSON.stringify(provider)}.`);
    for (const key of Object.keys(settings)) {
        if (key !== 'provider' && key !== 'name' && !ALLOWED[provider].includes(key)) {
            read.fail(`'${key}' is not a setting of ${provider}; accepted: ${ALLOWED[provider].join(', ')}.`);
        }
    }
    const name = read.text('name');
    const label = name ? (name === provider ? name : `${name} (${provider})`) : `${provider} #${index + 1}`;
    const common = { name, label };
    switch (provider) {
        case 'slack': {
            const token = read.text('slack-token');
            const channel = read.text('channel');
            if (token && !channel)
                read.fail("'channel' is required with 'slack-token' (chat.postMessage posts to a channel).");
            if (!token)
                return { ...common, provider, webhookUrl: read.url('webhook-url'), thread: read.text('thread') };
            if (read.text('webhook-url'))
                read.fail("give either 'webhook-url' or 'slack-token', not both.");
            return { ...common, provider, token, channel, thread: read.text('thread') };
        }
        case 'teams':
            return { ...common, provider, webhookUrl: read.url('webhook-url') };
        case 'discord':
        case 'google-chat':
            return { ...common, provider, webhookUrl: read.url('webhook-url'), thread: read.text('thread') };
        case 'webhook':
            return { ...common, provider, webhookUrl: read.url('webhook-url'), secret: read.text('webhook-secret') };
        case 'email': {
            const secureText = read.text('smtp-secure');
            if (secureText && !['true', 'false'].includes(secureText))
                read.fail(`'smtp-secure' must be \`true\` or \`false\`; got ${JSON.stringify(secureText)}.`);
            const portText = read.text('smtp-port');
            const port = portText === undefined ? (secureText === 'true' ? 465 : 587) : Number(portText);
            if (!Number.isInteger(port) || port < 1 || port > 65535)
                read.fail(`'smtp-port' must be a port number from 1 to 65535; got ${JSON.stringify(portText)}.`);
            const to = emailList(settings['email-to']);
            if (to.length === 0)
                read.fail("'email-to' is required: one or more addresses.");
            const smtp = { host: read.required('smtp-host'), port, secure: secureText ? secureText === 'true' : port === 465, username: read.text('smtp-username'), password: read.text('smtp-password') };
            return { ...common, provider, smtp, from: read.required('email-from'), to };
        }
    }
}
function withIds(parsed, input) {
    const counts = new Map();
    for (const d of parsed)
        counts.set(d.provider, (counts.get(d.provider) ?? 0) + 1);
    const seen = new Set();
    return parsed.map(({ name, ...d }, index) => {
        const id = name ?? (counts.get(d.provider) === 1 ? d.provider : `${d.provider}-${index + 1}`);
        if (seen.has(id))
            throw new errors/* InputError */.dz(input, `Destination ${index + 1} in '${input}' reuses the name ${JSON.stringify(id)}; names must be unique.`);
        seen.add(id);
        return { ...d, id };
    });
}
/**
 * Hands every URL in the `destinations` text and every secret setting to `mask`; called as soon as
 * the text is read, before anything can fail and print part of it.
 */
function maskDestinationSecrets(text, mask) {
    for (const url of text.match(URL_IN_TEXT) ?? [])
        mask(url);
    let parsed;
    try {
        parsed = parseYaml(text);
    }
    catch {
        return;
    }
    if (!Array.isArray(parsed))
        return;
    for (const item of parsed) {
        if (item && typeof item === 'object')
            for (const key of SECRET_SETTINGS)
                maskValue(item[key], mask);
    }
}
/** Parses the `destinations` YAML list, masking its secrets first so no error path can print one. */
function parseDestinations(text, mask, input = 'destinations') {
    maskDestinationSecrets(text, mask);
    let parsed;
    try {
        parsed = parseYaml(text);
    }
    catch (error) {
        const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        throw new InputError(input, `Input '${input}' must be a YAML list of destinations; it does not parse: ${reason}`);
    }
    if (!Array.isArray(parsed) || parsed.length === 0)
        throw new InputError(input, `Input '${input}' must be a non-empty YAML list of destinations, each with a 'provider'.`);
    const list = parsed.map((item, index) => {
        const where = `Destination ${index + 1} in '${input}'`;
        if (!item || typeof item !== 'object' || Array.isArray(item))
            throw new InputError(input, `${where}: must be a mapping with a 'provider'.`);
        return toDestination(item, index, where, input);
    });
    return withIds(list, input);
}
function maskValue(value, mask) {
    if (typeof value === 'string' && value.trim())
        mask(value.trim());
}
/** The single destination described by `provider` and the per-provider inputs (already masked by the shell). */
function singleDestination(settings) {
    const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined && value !== ''));
    const provider = String(given.provider ?? '');
    const relevant = PROVIDERS.includes(provider) ? ALLOWED[provider] : [];
    const own = Object.fromEntries(Object.entries(given).filter(([key]) => key === 'provider' || relevant.includes(key)));
    return withIds([toDestination(own, 0, `Provider '${provider}'`, 'provider')], 'provider')[0];
}

// EXTERNAL MODULE: ./src/notify/message.ts + 2 modules
var notify_message = __webpack_require__(4755);
;// CONCATENATED MODULE: ./src/notify/message-ids.ts


const FIX = "pass the 'message-ids' output of the step that sent the message, e.g. update: ${{ steps.start.outputs.message-ids }}";
/** Reads `update`: the JSON a previous step wrote to `message-ids`. */
function parseMessageRefs(text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new errors/* InputError */.dz('update', `Input 'update' must be JSON; ${FIX}.`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new errors/* InputError */.dz('update', `Input 'update' must be a JSON object of message ids; ${FIX}.`);
    const refs = {};
    for (const [key, value] of Object.entries(parsed)) {
        const ref = value;
        const strings = ref && ['id', 'channel', 'thread'].every((k) => ref[k] === undefined || typeof ref[k] === 'string');
        if (!ref || typeof ref !== 'object' || !PROVIDERS.includes(ref.provider) || !strings) {
            throw new errors/* InputError */.dz('update', `Input 'update' has an unreadable entry for ${JSON.stringify(key)}; ${FIX}.`);
        }
        refs[key] = { provider: ref.provider, ...(ref.id ? { id: ref.id } : {}), ...(ref.channel ? { channel: ref.channel } : {}), ...(ref.thread ? { thread: ref.thread } : {}) };
    }
    return refs;
}

;// CONCATENATED MODULE: ./src/notify/results-summary.ts

/** Text from PR titles and services shown as text, not as HTML, in the job summary. */
const inert = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n]+/g, ' ');
const ACTION_WORDS = { posted: 'posted', edited: 'edited in place', replied: 'replied in thread' };
/** One line per destination, for the log and for errors: never a URL, only the destination's label. */
function describeResult(result) {
    if (result.outcome === 'failed')
        return `${result.label}: failed after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}: ${result.error}`;
    if (result.outcome === 'dry-run')
        return `${result.label}: would be ${ACTION_WORDS[result.action]} (dry run)`;
    return `${result.label}: ${ACTION_WORDS[result.action]} (${result.attempts} attempt${result.attempts === 1 ? '' : 's'})`;
}
/** Verdict first, then a row per destination. */
function resultsSummary(message, results) {
    const failed = results.filter((r) => r.outcome === 'failed').length;
    const dry = results.every((r) => r.outcome === 'dry-run');
    const verdict = dry
        ? `🧪 Dry run: nothing sent to ${results.length} destination${results.length === 1 ? '' : 's'}`
        : failed === 0
            ? `✅ Notified ${results.length} of ${results.length} destination${results.length === 1 ? '' : 's'}`
            : `⚠️ ${failed} of ${results.length} notification${results.length === 1 ? '' : 's'} failed`;
    const rows = results.map((r) => [
        inert(r.label),
        r.outcome === 'failed' ? '❌ failed' : r.outcome === 'dry-run' ? '🧪 dry run' : '✅ delivered',
        ACTION_WORDS[r.action],
        r.attempts,
        inert(r.error ?? ''),
    ]);
    return `## Notify: ${verdict}\n\n**${message.event}**: ${inert(message.title)}\n\n${markdownTable(['Destination', 'Result', 'Action', 'Attempts', 'Details'], rows)}\n`;
}

// EXTERNAL MODULE: ./src/notify/settings.ts
var notify_settings = __webpack_require__(1188);
;// CONCATENATED MODULE: ./src/cli/run/notify.ts








/** Stand-ins so a dry run can show a payload without real endpoints or credentials. */
const DRY_RUN_PLACEHOLDERS = {
    'webhook-url': 'https://hooks.example.invalid/webhook',
    'smtp-host': 'smtp.example.invalid',
    'email-from': 'slipway@example.invalid',
    'email-to': 'team@example.invalid',
};
const camel = (name) => name.replace(/-([a-z])/g, (_m, c) => c.toUpperCase());
/** `slipway notify`: send (or print, with --dry-run) one notification. */
async function runNotify(options) {
    const value = (name) => options[camel(name)];
    const dryRun = options.dryRun === true;
    const reader = new inputs/* InputReader */.i((name) => value(name) ?? '');
    const settings = Object.fromEntries(notify_settings/* DESTINATION_SETTINGS */.D.map((name) => [name, value(name) ?? (dryRun ? DRY_RUN_PLACEHOLDERS[name] : undefined)]));
    const destination = singleDestination({ provider: value('provider'), ...settings });
    const message = (0,notify_message/* composeMessage */.SB)({
        event: value('event'),
        status: value('status'),
        title: value('title'),
        message: value('message'),
        version: value('version'),
        environment: value('environment'),
        environmentUrl: value('environment-url'),
        releaseUrl: value('release-url'),
        releaseNotes: value('release-notes'),
    }, { serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com', repository: value('repository'), actor: value('actor'), sha: value('commit'), runId: process.env.GITHUB_RUN_ID });
    const update = value('update');
    const [result] = await deliver([destination], message, {
        refs: update ? parseMessageRefs(update) : undefined,
        dryRun,
        mask: () => { },
        runThreadKey: `slipway-${value('repository') ?? 'run'}-${process.env.GITHUB_RUN_ID ?? '0'}`,
        policy: { ...DEFAULT_POLICY, timeoutMs: reader.duration('timeout', '1m') },
        clock: systemClock,
        slackApiUrl: process.env.SLIPWAY_SLACK_API_URL || undefined,
    });
    if (!result)
        return;
    if (dryRun) {
        process.stderr.write(`${result.label}: ${result.action} via ${result.target}\n`);
        process.stdout.write(`${JSON.stringify(result.payload, null, 2)}\n`);
        return;
    }
    process.stderr.write(`${describeResult(result)}\n`);
    if (result.outcome === 'failed')
        process.exitCode = 1;
    else
        process.stdout.write(`${JSON.stringify(messageIds([result]))}\n`);
}


/***/ }),

/***/ 1170:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
/** Parses `90s`, `10m`, `1h30m`, `500ms`, `2d` or `0` into milliseconds; undefined when not a duration. */
function parseDuration(text) {
    const value = text.trim().toLowerCase();
    if (value === '0')
        return 0;
    if (!WHOLE.test(value))
        return undefined;
    let total = 0;
    for (const [, amount, unit] of value.matchAll(PART)) {
        total += Number(amount) * UNIT_MS[unit];
    }
    return Math.round(total);
}
/** Formats milliseconds for people: `1h 5m`, `42s`, `350ms`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    const parts = [];
    let rest = Math.round(ms / 1000);
    for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['m', 60]]) {
        if (rest >= size) {
            parts.push(`${Math.floor(rest / size)}${unit}`);
            rest %= size;
        }
    }
    if (rest > 0 || parts.length === 0)
        parts.push(`${rest}s`);
    return parts.join(' ');
}


/***/ }),

/***/ 2291:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ InputReader)
/* harmony export */ });
/* unused harmony export quote */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1170);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9541);


const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
function quote(value) {
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return JSON.stringify(shown);
}
/**
 * Typed readers over one input source. Every reader trims the raw value, treats an empty value as
 * "not given", and throws an InputError naming the input, the value given and the accepted form.
 */
class InputReader {
    source;
    constructor(source) {
        this.source = source;
    }
    raw(name) {
        return this.source(name).trim();
    }
    fail(name, value, accepted) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(name, `Input '${name}' must be ${accepted}; got ${quote(value)}.`);
    }
    /** A value that must be given. */
    required(name) {
        const value = this.raw(name);
        if (!value)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(name, `Input required and not supplied: '${name}'. Set it in the step's 'with:' block.`);
        return value;
    }
    string(name, fallback) {
        return this.raw(name) || fallback;
    }
    /** YAML 1.2 core-schema booleans, as `core.getBooleanInput` accepts them. */
    boolean(name, fallback) {
        const value = this.raw(name);
        if (!value)
            return fallback;
        if (TRUE.includes(value))
            return true;
        if (FALSE.includes(value))
            return false;
        return this.fail(name, value, '`true` or `false`');
    }
    integer(name, options) {
        const value = this.raw(name);
        if (!value)
            return options.fallback;
        const parsed = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
        return this.inRange(name, value, parsed, 'an integer', options);
    }
    number(name, options) {
        const value = this.raw(name);
        if (!value)
            return options.fallback;
        const parsed = /^[+-]?(\d+\.?\d*|\.\d+)%?$/.test(value) ? Number(value.replace(/%$/, '')) : Number.NaN;
        return this.inRange(name, value, parsed, 'a number', options);
    }
    inRange(name, value, parsed, kind, { min, max }) {
        const tooSmall = min !== undefined && parsed < min;
        const tooLarge = max !== undefined && parsed > max;
        if (Number.isNaN(parsed) || !Number.isFinite(parsed) || tooSmall || tooLarge) {
            const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : max !== undefined ? ` of at most ${max}` : '';
            this.fail(name, value, `${kind}${range}`);
        }
        return parsed;
    }
    duration(name, fallback) {
        const value = this.raw(name) || fallback;
        if (value === undefined)
            return undefined;
        const ms = (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E)(value);
        if (ms === undefined)
            this.fail(name, value, 'a duration such as `30s`, `10m`, `1h30m` or `0`');
        return ms;
    }
    choice(name, accepted, fallback) {
        const value = this.raw(name);
        if (!value)
            return fallback;
        if (!accepted.includes(value))
            this.fail(name, value, `one of ${accepted.map((a) => `\`${a}\``).join(', ')}`);
        return value;
    }
    /** Items separated by newlines (and by commas unless `newlineOnly`, for globs that may hold commas). */
    list(name, options = {}) {
        const separator = options.newlineOnly ? /\r?\n/ : /[\r\n,]+/;
        return this.raw(name)
            .split(separator)
            .map((item) => item.trim())
            .filter((item) => item !== '' && !item.startsWith('#'));
    }
}


/***/ })

};
