import type * as Contract from './file-pick';
import type { PickedFile } from './file-pick';

// h5 (see file-pick.ts): the browser's file input; a download saved through a link to its bytes.

export function pickFile(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.pdf,.ofd,.jpg,.jpeg,.png,.heic,.tif,.tiff,.doc,.docx,.xls,.xlsx,.zip,image/*';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      resolve(file ? { name: file.name, size: file.size, data: file } : null);
    });
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

export async function openFile(url: string, name: string, token: string): Promise<void> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error('附件下载失败，请稍后重试');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

({ pickFile, openFile }) satisfies typeof Contract;
