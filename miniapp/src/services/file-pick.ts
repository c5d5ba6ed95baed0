import Taro from '@tarojs/taro';

// Files on the mini-programs (h5: file-pick.h5.ts): a file from a chat (WeCom's
// chooseMessageFile: PDFs and pictures people were sent) or a photo (DingTalk's chooseImage), read
// into memory for the upload; a download opened in the platform's document viewer.

export interface PickedFile {
  name: string;
  size: number;
  data: ArrayBuffer | Blob;
}

const readFile = (filePath: string) =>
  new Promise<ArrayBuffer>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (res) => resolve(res.data as ArrayBuffer),
      fail: reject,
    }),
  );

export async function pickFile(): Promise<PickedFile | null> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'all' });
      const file = tempFiles[0];
      return file ? { name: file.name, size: file.size, data: await readFile(file.path) } : null;
    }
    const { tempFiles } = await Taro.chooseImage({ count: 1, sizeType: ['original'] });
    const file = tempFiles[0];
    if (!file) return null;
    const name = `扫描件-${Date.now()}.${file.path.split('.').pop() ?? 'jpg'}`;
    return { name, size: file.size, data: await readFile(file.path) };
  } catch {
    // The person closed the picker.
    return null;
  }
}

/** Opens a file the API serves (it needs the session's token) in the platform's viewer. */
export async function openFile(url: string, name: string, token: string): Promise<void> {
  const { tempFilePath, statusCode } = await Taro.downloadFile({
    url,
    header: { Authorization: `Bearer ${token}` },
  });
  if (statusCode !== 200) throw new Error('附件下载失败，请稍后重试');
  if (/\.(jpe?g|png|gif|webp|heic)$/i.test(name)) await Taro.previewImage({ urls: [tempFilePath] });
  else await Taro.openDocument({ filePath: tempFilePath, showMenu: true });
}
