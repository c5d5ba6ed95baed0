import { escapeHtml } from '../card-preview/escape.js';
import type { SandboxState } from '../state/index.js';
import type { SandboxTodo } from './todos.js';

// `/sandbox/todos?user=<DingTalk userid>`: a person's DingTalk 待办 as their client lists it, open
// ones first and done ones struck through, with a picker of the corp's people.

const PAGE_CSS = `
body { margin: 0; background: #f7f8fa; color: #1d2129; font-family: "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
header { padding: 24px 24px 8px; }
h1 { font-size: 22px; margin: 0 0 4px; }
header p { color: #86909c; margin: 0; font-size: 14px; }
nav { display: flex; flex-wrap: wrap; gap: 6px; padding: 12px 24px 4px; }
nav a { font-size: 13px; color: #4e5969; background: #fff; border: 1px solid #e5e6eb; border-radius: 14px; padding: 2px 10px; text-decoration: none; }
nav a[aria-current] { color: #fff; background: #007fff; border-color: #007fff; }
section { padding: 8px 24px 16px; max-width: 760px; }
h2 { font-size: 16px; margin: 16px 0 10px; color: #4e5969; }
ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
.todo { background: #fff; border: 1px solid #e5e6eb; border-radius: 8px; padding: 12px 14px; display: flex; gap: 12px; }
.tick { flex: 0 0 18px; height: 18px; border-radius: 50%; border: 2px solid #c9cdd4; box-sizing: border-box; margin-top: 2px; }
.todo--done .tick { background: #00b42a; border-color: #00b42a; }
.body { flex: 1; min-width: 0; }
.subject { font-size: 15px; font-weight: 600; }
.todo--done .subject { text-decoration: line-through; color: #86909c; font-weight: normal; }
.description { white-space: pre-wrap; color: #4e5969; font-size: 13px; margin-top: 6px; }
.todo--done .description { color: #a9aeb8; }
.meta { display: flex; flex-wrap: wrap; gap: 12px; color: #86909c; font-size: 12px; margin-top: 8px; }
.meta a { color: #007fff; text-decoration: none; }
.empty { color: #86909c; font-size: 14px; }
`;

/** The page a 待办 opens: DingTalk unwraps its dingtalk://…/page/link?url= to the page inside. */
function opens(todo: SandboxTodo): string | undefined {
  const link = todo.detailUrl.pcUrl ?? todo.detailUrl.appUrl;
  if (!link) return undefined;
  const inner = link.startsWith('dingtalk://') ? new URL(link).searchParams.get('url') : link;
  return inner && /^https?:\/\//.test(inner) ? inner : undefined;
}

function todoHtml(todo: SandboxTodo, when: (ms: number) => string): string {
  const url = opens(todo);
  return `<li class="todo${todo.done ? ' todo--done' : ''}" data-source-id="${escapeHtml(todo.sourceId ?? '')}">
<span class="tick" aria-label="${todo.done ? '已完成' : '未完成'}"></span>
<div class="body">
<div class="subject">${escapeHtml(todo.subject)}</div>
${todo.description ? `<div class="description">${escapeHtml(todo.description)}</div>` : ''}
<div class="meta"><span>创建于 ${when(todo.createdTime)}</span>${todo.finishTime ? `<span>完成于 ${when(todo.finishTime)}</span>` : ''}${
    url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener">打开</a>` : ''
  }</div>
</div>
</li>`;
}

export function renderTodoPageHtml(state: SandboxState, user: string | undefined, timeZone: string): string {
  const person = user === undefined ? undefined : state.org.personByDingTalk(user);
  const format = new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const when = (ms: number) => format.format(new Date(ms));
  const picker = state.org.people
    .map(
      (p) =>
        `<a href="?user=${encodeURIComponent(p.dingtalk.userid)}"${p === person ? ' aria-current="page"' : ''}>${escapeHtml(p.name)}</a>`,
    )
    .join('');
  const list = (todos: SandboxTodo[], none: string) =>
    todos.length === 0
      ? `<p class="empty">${none}</p>`
      : `<ol>${todos.map((t) => todoHtml(t, when)).join('\n')}</ol>`;
  const mine = person ? state.dingtalk.todos.of(person.dingtalk.unionid) : [];
  const body = person
    ? `<section><h2>未完成 · ${mine.filter((t) => !t.done).length}</h2>${list(
        mine.filter((t) => !t.done),
        '没有未完成的待办',
      )}<h2>已完成 · ${mine.filter((t) => t.done).length}</h2>${list(
        mine.filter((t) => t.done),
        '还没有已完成的待办',
      )}</section>`
    : '<section><p class="empty">请选择一位成员，查看他在钉钉中的待办。</p></section>';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>钉钉待办${person ? ` · ${escapeHtml(person.name)}` : ''}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header><h1>钉钉待办${person ? ` · ${escapeHtml(person.name)}` : ''}</h1><p>客联为审批人创建的钉钉待办：审批待处理时出现，处理、转交、撤回或结束后标记为已完成。</p></header>
<nav>${picker}</nav>
${body}
</body>
</html>
`;
}
