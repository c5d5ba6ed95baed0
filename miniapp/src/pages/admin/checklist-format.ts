// Times on the checklist page as the person's clock shows them: 12-06 15:04.

const two = (n: number) => String(n).padStart(2, '0');

export function shortTime(iso: string): string {
  const d = new Date(iso);
  return `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
