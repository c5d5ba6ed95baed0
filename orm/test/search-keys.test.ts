import { searchKeysFor } from '@kelian/orm';
import { expect, test } from 'vitest';

const words = (text: string) => text.trim().split(' ');

test('a company is found by its name, its contacts, their pinyin and initials, and its phone numbers', () => {
  const keys = searchKeysFor({ kind: 'company', name: '华为技术有限公司', phone: '0755-2878 0808' }, [
    { name: '张三', mobile: '+86 138-1234-5678' },
    { name: '李四', mobile: null, phone: '010-62345678' },
  ]);
  // The name is the first word; both columns have a space at each end. The name's initials from
  // each later character on (two at least) are marked words: jsyxgs finds 技术有限公司, not 华为.
  expect(keys.searchText).toBe(
    ' 华为技术有限公司 huaweijishuyouxiangongsi hwjsyxgs ^wjsyxgs ^jsyxgs ^syxgs ^yxgs ^xgs ^gs ',
  );
  expect(keys.searchContacts).toBe(' 张三 李四 zhangsan zs lisi ls ');
  expect(keys.searchGrams).toEqual(
    expect.arrayContaining(['n:华', 'n:华为', 'n:公司', 'k:张三', 'k:三', 'k:李四']),
  );
  expect(keys.searchGrams).not.toContain('k:三李');
  // +86 and separators dropped; every number and its last four digits, tagged by field.
  expect(keys.searchPhones.sort()).toEqual(
    ['p:075528780808', 'p:0808', 'm:13812345678', 'm:5678', 't:01062345678', 't:5678'].sort(),
  );
});

test('a surname is also read in surname mode; company names keep the everyday reading', () => {
  const person = words(searchKeysFor({ kind: 'person', name: '曾国藩' }, []).searchText);
  expect(person).toEqual(['曾国藩', 'cengguofan', 'cgf', 'zengguofan', 'zgf', '^gf']);
  const keys = searchKeysFor({ kind: 'company', name: '重庆银行' }, [{ name: '单雄信' }]);
  expect(words(keys.searchText)).toEqual(['重庆银行', 'chongqingyinhang', 'cqyh', '^qyh', '^yh']);
  expect(words(keys.searchContacts)).toEqual(expect.arrayContaining(['danxiongxin', 'shanxiongxin', 'sxx']));
});

test('full-width forms, punctuation and letters are folded the way queries are', () => {
  const keys = searchKeysFor({ kind: 'company', name: 'ＩＢＭ（中国） 有限公司' }, [{ name: '吕 布' }]);
  // A run of letters is one unit: the inner initials start after IBM, never inside it.
  expect(keys.searchText).toBe(
    ' ibm中国有限公司 ibmzhongguoyouxiangongsi ibmzgyxgs ^zgyxgs ^gyxgs ^yxgs ^xgs ^gs ',
  );
  expect(words(keys.searchContacts)).toEqual(['吕布', 'lvbu', 'lb']);
});

test('a customer without a usable name or phone has empty keys, never broken ones', () => {
  expect(searchKeysFor({ kind: 'company', name: '——', phone: '12' }, [{ name: '·' }])).toEqual({
    searchText: '  ',
    searchContacts: '  ',
    searchGrams: [],
    searchPhones: [],
  });
});
