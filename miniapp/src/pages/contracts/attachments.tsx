import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { Section } from '../../components/section';
import { messageOf } from '../../services/api';
import { attachmentProblem, fileSize } from '../../services/contract-format';
import {
  type Attachment,
  attachmentUrl,
  type Contract,
  deleteAttachment,
  listAttachments,
  uploadAttachment,
} from '../../services/contracts';
import { when } from '../../services/customer-format';
import { openFile, pickFile } from '../../services/file-pick';
import { loadSession } from '../../services/session';

// 附件: the contract's scans, newest first; tap one to open it, add one from a chat or the phone
// (h5: a file), up to 20 MB each (a bigger one is refused here, before it is sent).

const extension = (name: string) => (/\.([a-z0-9]+)$/i.exec(name)?.[1] ?? '文件').toUpperCase().slice(0, 4);

export function ContractAttachments({ contract }: { contract: Contract }) {
  const [items, setItems] = useState<Attachment[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);

  const load = useCallback(() => {
    setProblem(null);
    listAttachments(contract.id)
      .then((page) => setItems(page.items))
      .catch((e: unknown) => setProblem(messageOf(e)));
  }, [contract.id]);
  useEffect(load, [load]);

  const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 });
  const add = async () => {
    const file = await pickFile();
    if (!file) return;
    const refused = attachmentProblem(file);
    if (refused) return toast(refused);
    setUploading(file.name);
    try {
      const saved = await uploadAttachment(contract.id, file.name, file.data);
      setItems((before) => [saved, ...(before ?? [])]);
      toast('附件已上传');
    } catch (e) {
      toast(messageOf(e));
    } finally {
      setUploading(null);
    }
  };
  const open = (a: Attachment) =>
    void openFile(attachmentUrl(contract.id, a.id), a.fileName, loadSession()?.token ?? '').catch((e) =>
      toast(messageOf(e)),
    );
  const remove = async (a: Attachment) => {
    const { confirm } = await Taro.showModal({ title: '删除附件', content: `删除「${a.fileName}」？` });
    if (!confirm) return;
    try {
      await deleteAttachment(contract.id, a.id);
      setItems((before) => (before ?? []).filter((x) => x.id !== a.id));
    } catch (e) {
      toast(messageOf(e));
    }
  };

  return (
    <Section
      title="附件"
      hint={items && items.length > 0 ? `${items.length} 个` : '扫描件，每个不超过 20 MB'}
    >
      {problem ? (
        <Text className="attachment-note attachment-note--error" onClick={load}>
          {problem}，点此重试
        </Text>
      ) : items === null ? (
        <Text className="attachment-note">正在加载附件…</Text>
      ) : items.length === 0 && !uploading ? (
        <Text className="attachment-note">还没有附件</Text>
      ) : null}
      {uploading ? <Text className="attachment-note">正在上传「{uploading}」…</Text> : null}
      {items?.map((a) => (
        <View key={a.id} className="attachment" onClick={() => open(a)}>
          <Text className="attachment__icon">{extension(a.fileName)}</Text>
          <View className="attachment__main">
            <Text className="attachment__name">{a.fileName}</Text>
            <Text className="attachment__meta">
              {fileSize(a.sizeBytes)} · {a.uploadedBy?.name ?? '—'} · {when(a.createdAt)}
            </Text>
          </View>
          <Text
            className="attachment__delete"
            onClick={(e) => {
              e.stopPropagation();
              void remove(a);
            }}
          >
            删除
          </Text>
        </View>
      ))}
      {uploading ? null : (
        <Text className="attachment-add" onClick={() => void add()}>
          + 上传附件
        </Text>
      )}
    </Section>
  );
}
