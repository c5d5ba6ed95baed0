// Realistic Chinese customers in bulk: companies named city + brand + trade + legal form, persons,
// and one to three contacts each with a mobile number. Seeded, so every run loads the same data.

import { SeededRandom } from '@kelian/orm';

const cities =
  '北京 上海 广州 深圳 杭州 南京 苏州 成都 重庆 武汉 西安 天津 长沙 郑州 青岛 厦门 宁波 无锡 合肥 福州 济南 大连 沈阳 昆明 东莞 佛山 石家庄 哈尔滨 南宁 贵阳 太原 南昌 温州 常州 珠海 中山 惠州 嘉兴 绍兴 烟台'.split(
    ' ',
  );
// Brands are two characters from this pool: about 10,000 brands, as varied as real company names.
const brandChars = [
  ...'华信瑞丰鼎盛恒通宏远嘉禾博润天成新锐中科金桥同创永安汇达长风明德航启海纳景泰邦锦程卓越众诚凯旋正元和万象星河蓝云鸿运世腾飞泽弘毅致睿思光东方南北兴隆昌富源广大亚美佳联合力智慧优品立辉耀晨阳',
];
const trades = [
  '电子科技',
  '信息技术',
  '网络科技',
  '精密机械',
  '新材料',
  '智能装备',
  '汽车零部件',
  '生物科技',
  '医疗器械',
  '医药',
  '教育科技',
  '培训',
  '供应链',
  '物流',
  '国际货运',
  '商贸',
  '连锁超市',
  '电子商务',
  '百货',
  '融资租赁',
  '投资管理',
  '建筑工程',
  '装饰工程',
  '环保科技',
  '能源科技',
  '食品',
  '餐饮管理',
  '文化传媒',
  '广告',
  '咨询',
  '人力资源',
  '物业管理',
  '房地产开发',
  '农业科技',
  '化工',
  '纺织',
  '服饰',
  '家具',
  '印刷',
  '包装材料',
];
const legalForms = ['有限公司', '有限公司', '股份有限公司', '集团有限公司', '有限责任公司'];
const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const givenChars = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华建国志红文辉鹏飞玉兰秀萍宇浩俊凯婷雪梅海燕晓东子涵思远一鸣雨欣博宁',
];
const regions = ['北京', '上海', '广东', '浙江', '江苏', '四川', '湖北', '山东', '福建', '河南'];
const industries = ['制造业', '互联网', '零售', '医疗', '教育', '物流', '金融'];
const sources = ['官网表单', '展会', '转介绍', '电话营销', '企业微信'];

export interface GeneratedCustomer {
  id: number;
  kind: 'company' | 'person';
  name: string;
  creditCode: string | null;
  industry: string;
  region: string;
  city: string;
  phone: string;
  source: string;
  ownerId: number | null;
  contacts: { name: string; mobile: string }[];
}

export class CustomerGenerator {
  readonly #random: SeededRandom;
  constructor(
    seed: number,
    private readonly owners: number,
  ) {
    this.#random = new SeededRandom(seed);
  }

  customer(id: number): GeneratedCustomer {
    const r = this.#random;
    const person = r.next() < 0.12;
    const city = r.pick(cities);
    const name = person ? this.personName() : this.companyName(city);
    const contacts = Array.from({ length: person ? 1 : r.int(1, 3) }, (_, i) => ({
      name: person && i === 0 ? name : this.personName(),
      mobile: this.mobile(),
    }));
    return {
      id,
      kind: person ? 'person' : 'company',
      name,
      creditCode: person ? null : `91${String(id).padStart(16, '0')}`,
      industry: r.pick(industries),
      region: r.pick(regions),
      city,
      phone: person ? contacts[0]!.mobile : `0${r.int(10, 999)}-${r.int(60_000_000, 89_999_999)}`,
      source: r.pick(sources),
      ownerId: r.next() < 0.1 ? null : r.int(1, this.owners),
      contacts,
    };
  }

  personName(): string {
    const r = this.#random;
    const given = r.next() < 0.4 ? r.pick(givenChars) : r.pick(givenChars) + r.pick(givenChars);
    return r.pick(surnames) + given;
  }

  private companyName(city: string): string {
    const r = this.#random;
    const brand = r.pick(brandChars) + r.pick(brandChars);
    return `${r.next() < 0.9 ? city : ''}${brand}${r.pick(trades)}${r.pick(legalForms)}`;
  }

  private mobile(): string {
    const r = this.#random;
    return `1${r.pick(['38', '39', '50', '58', '86', '88', '35', '77', '36', '52'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
  }
}
