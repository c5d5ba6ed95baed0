// The sandbox page: pick a platform and a person, see their chats as that client shows them, type
// and click. Everything goes through /sandbox/page/api, which plays the platform: a message becomes
// an encrypted WeCom callback or a DingTalk Stream frame to the server, exactly as in production.
const api = '/sandbox/page/api';
// `view` counts the switches of platform, person and chat: an answer to a request made before the
// latest switch belongs to a view no longer shown and is dropped (the poll's answer for the person
// shown a moment ago once cleared the new person's chat and moved `after` past their messages).
const state = { platform: 'wecom', user: '', chat: 'bot', after: 0, view: 0, people: [], chats: [] };
const $ = (id) => document.getElementById(id);

async function call(path, init) {
  const res = await fetch(`${api}${path}`, init);
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : {};
  if (!res.ok) {
    // The fields' own messages say what to change; the title alone only says something is wrong.
    const fields = (body.errors ?? []).map((e) => e.message).join('；');
    throw new Error(
      body.title
        ? `${body.title}${body.detail ? `：${body.detail}` : ''}${fields ? `（${fields}）` : ''}`
        : `请求失败 ${res.status}`,
    );
  }
  return body;
}
const post = (path, data) =>
  call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });

function status(text) {
  $('status').textContent = text ?? '';
}

async function loadPeople() {
  const { people } = await call(`/people?platform=${state.platform}`);
  state.people = people;
  const select = $('who');
  const previous = state.user;
  select.replaceChildren();
  const byDepartment = Map.groupBy(people, (p) => p.department);
  for (const [department, members] of byDepartment) {
    const group = document.createElement('optgroup');
    group.label = department;
    for (const p of members) group.append(new Option(`${p.name} · ${p.title}`, p.id));
    select.append(group);
  }
  state.user = people.some((p) => p.id === previous)
    ? previous
    : (people.find((p) => p.title === '销售经理')?.id ?? people[0]?.id ?? '');
  select.value = state.user;
}

async function loadChats() {
  const view = state.view;
  const { chats } = await call(`/chats?platform=${state.platform}&user=${encodeURIComponent(state.user)}`);
  if (view !== state.view) return;
  if (!chats.some((c) => c.id === state.chat)) state.chat = chats[0]?.id ?? 'bot';
  state.chats = chats;
  const list = $('chat-list');
  list.replaceChildren(
    ...chats.map((c) => {
      const li = document.createElement('li');
      li.dataset.chat = c.id;
      li.setAttribute('aria-current', String(c.id === state.chat));
      const avatar = document.createElement('span');
      avatar.className = `avatar ${c.kind}`;
      avatar.textContent = c.name.slice(0, 1);
      const text = document.createElement('div');
      const name = document.createElement('div');
      name.className = 'chat-name';
      name.textContent = c.name;
      const hint = document.createElement('div');
      hint.className = 'chat-hint';
      hint.textContent = c.hint;
      text.append(name, hint);
      li.append(avatar, text);
      li.addEventListener('click', () => selectChat(c.id));
      return li;
    }),
  );
  $('chat-title').textContent = chats.find((c) => c.id === state.chat)?.name ?? '';
  // A chat with a customer's WeChat: nothing to say to Kelian there, but its toolbar holds the
  // sidebar, which WeCom reloads for whichever customer's chat is open.
  const external = currentChat()?.kind === 'external';
  $('composer').hidden = external;
  $('toolbar-sidebar').hidden = !external;
  if (!external) closeSidebar();
  else if (!$('sidebar').hidden) openSidebar();
}

const currentChat = () => state.chats.find((c) => c.id === state.chat);

function openSidebar() {
  const panel = $('sidebar');
  panel.querySelector('iframe')?.remove();
  const frame = document.createElement('iframe');
  frame.title = '客联侧边栏';
  frame.src = '/app/#/pages/sidebar/index';
  panel.append(frame);
  panel.hidden = false;
}

function closeSidebar() {
  $('sidebar').querySelector('iframe')?.remove();
  $('sidebar').hidden = true;
}

// The sandbox's stand-in for the WeCom client's getCurExternalContact: the sidebar page (same
// origin, in the frame) asks, this page answers with the external contact whose chat is open.
window.addEventListener('message', (e) => {
  const frame = $('sidebar').querySelector('iframe');
  if (e.origin !== window.location.origin || !frame || e.source !== frame.contentWindow) return;
  if (e.data?.kelian !== 'getCurExternalContact') return;
  const chat = currentChat();
  e.source.postMessage(
    { kelian: 'getCurExternalContact', userId: chat?.kind === 'external' ? chat.id : undefined },
    window.location.origin,
  );
});

async function refreshMessages() {
  const query = new URLSearchParams({
    platform: state.platform,
    user: state.user,
    chat: state.chat,
    after: String(state.after),
  });
  const view = state.view;
  const { messages, last } = await call(`/timeline?${query}`);
  if (view !== state.view) return;
  const box = $('messages');
  if (state.after === 0) box.replaceChildren();
  for (const m of messages) {
    box.querySelector(`[data-seq="${m.seq}"]`)?.remove();
    box.insertAdjacentHTML('beforeend', m.html);
  }
  if (last !== undefined) state.after = last;
  if (!box.children.length)
    box.innerHTML =
      currentChat()?.kind === 'external'
        ? '<p class="empty">与微信客户的聊天不经过客联。点右上角「客联 · 客户资料」打开聊天工具栏里的客联侧边栏。</p>'
        : '<p class="empty">还没有消息。试试输入「帮助」。</p>';
  else box.querySelector('.empty')?.remove();
  if (messages.length) box.scrollTop = box.scrollHeight;
}

async function refreshCards() {
  // A card may have changed after a click anywhere: re-render every card shown.
  const ids = [...$('messages').querySelectorAll('[data-card-seq]')].map((el) => el.dataset.cardSeq);
  if (!ids.length) return;
  const query = new URLSearchParams({ platform: state.platform, user: state.user, seqs: ids.join(',') });
  const view = state.view;
  const { cards } = await call(`/cards?${query}`);
  if (view !== state.view) return;
  for (const c of cards) {
    const holder = $('messages').querySelector(`[data-card-seq="${c.seq}"]`);
    if (holder && holder.dataset.version !== c.version) {
      holder.innerHTML = c.html;
      holder.dataset.version = c.version;
    }
  }
}

async function selectChat(id) {
  state.chat = id;
  state.after = 0;
  state.view++;
  await loadChats();
  await refreshMessages();
}

async function reload() {
  state.after = 0;
  state.view++;
  await loadPeople();
  await loadChats();
  await refreshMessages();
}

const tabs = [...document.querySelectorAll('.platforms button')];
for (const tab of tabs) {
  tab.addEventListener('click', async () => {
    state.platform = tab.dataset.platform;
    document.body.dataset.platform = state.platform;
    for (const b of tabs) b.setAttribute('aria-selected', String(b === tab));
    await reload().catch((e) => status(e.message));
  });
}
$('who').addEventListener('change', async (e) => {
  state.user = e.target.value;
  state.after = 0;
  state.view++;
  await loadChats()
    .then(refreshMessages)
    .catch((err) => status(err.message));
});
$('toolbar-sidebar').addEventListener('click', openSidebar);
$('sidebar-close').addEventListener('click', closeSidebar);
$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('text').value = '';
  try {
    status('');
    await post('/send', { platform: state.platform, user: state.user, chat: state.chat, text });
    await refreshMessages();
  } catch (err) {
    status(err.message);
  }
});
$('messages').addEventListener('click', async (e) => {
  const button = e.target.closest('[data-action-key], [data-url]');
  if (!button) return;
  if (button.dataset.url) {
    window.open(button.dataset.url, '_blank', 'noopener');
    return;
  }
  if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
  const holder = button.closest('[data-card-seq]');
  try {
    status('');
    await post('/click', {
      platform: state.platform,
      user: state.user,
      seq: Number(holder.dataset.cardSeq),
      key: button.dataset.actionKey,
    });
    await refreshMessages();
  } catch (err) {
    status(err.message);
  }
});

await reload().catch((e) => status(e.message));
setInterval(() => {
  refreshMessages()
    .then(refreshCards)
    .catch((e) => status(e.message));
}, 1000);
