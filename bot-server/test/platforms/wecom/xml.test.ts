import { describe, expect, it } from 'vitest';
import {
  WeComMalformedError,
  WeComPayloadTooLargeError,
  WeComXmlEntityError,
} from '../../../src/platforms/wecom/errors.js';
import { buildXml, cdata, parseXml } from '../../../src/platforms/wecom/xml.js';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xml><Content>&lol9;</Content></xml>`;

describe('parseXml', () => {
  it('keeps every value a string, CDATA verbatim, empty elements empty', () => {
    const xml = parseXml(
      '<xml><MsgId>4561255354251345929</MsgId><CreateTime>1409659813</CreateTime>' +
        '<Content><![CDATA[ 你好 <b>&amp; ]]></Content><AgentID></AgentID><EventKey><![CDATA[]]></EventKey>' +
        '<Id>CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw==</Id><Zero>007</Zero></xml>',
    );
    expect(xml).toEqual({
      MsgId: '4561255354251345929',
      CreateTime: '1409659813',
      Content: ' 你好 <b>&amp; ',
      AgentID: '',
      EventKey: '',
      Id: 'CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw==',
      Zero: '007',
    });
  });

  it('decodes the predefined XML entities outside CDATA', () => {
    expect(parseXml('<xml><Name>A &amp; B &lt;C&gt;</Name></xml>').Name).toBe('A & B <C>');
  });

  it('refuses an entity-expansion bomb before parsing it', () => {
    const started = performance.now();
    expect(() => parseXml(BILLION_LAUGHS)).toThrow(WeComXmlEntityError);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses any DOCTYPE, external entities included, wherever it appears', () => {
    expect(() => parseXml('<!DOCTYPE xml SYSTEM "file:///etc/passwd"><xml><a>1</a></xml>')).toThrow(
      WeComXmlEntityError,
    );
    expect(() => parseXml('<xml><!ENTITY x "y"><a>1</a></xml>')).toThrow(WeComXmlEntityError);
    expect(() => parseXml('<?xml version="1.0"?>\n<!doctype xml [<!ENTITY a "b">]><xml/>')).toThrow(
      WeComXmlEntityError,
    );
  });

  it('lets a user type "<!DOCTYPE" as chat text inside CDATA', () => {
    expect(parseXml('<xml><Content><![CDATA[<!DOCTYPE html> <!ENTITY x>]]></Content></xml>').Content).toBe(
      '<!DOCTYPE html> <!ENTITY x>',
    );
  });

  it.each([
    ['unclosed', '<xml><Encrypt>abc</xml>'],
    ['not XML', 'hello'],
    ['JSON', '{"encrypt":"abc"}'],
    ['empty', ''],
    ['another root', '<root><a>1</a></root>'],
    ['two roots', '<xml><a>1</a></xml><xml><a>2</a></xml>'],
    ['text root', '<xml>just text</xml>'],
    ['prototype pollution', '<xml><__proto__><a>1</a></__proto__></xml>'],
    ['too deep', `<xml>${'<a>'.repeat(50)}1${'</a>'.repeat(50)}</xml>`],
  ])('refuses malformed XML: %s', (_label, text) => {
    expect(() => parseXml(text)).toThrow(WeComMalformedError);
  });

  it('refuses a body over the size limit with 413', () => {
    const text = `<xml><Content><![CDATA[${'中'.repeat(400)}]]></Content></xml>`;
    expect(() => parseXml(text, 1000)).toThrow(WeComPayloadTooLargeError);
    expect(() => parseXml(text, 2000)).not.toThrow();
    try {
      parseXml(text, 1000);
    } catch (error) {
      expect((error as WeComPayloadTooLargeError).status).toBe(413);
    }
  });
});

describe('buildXml', () => {
  it('writes CDATA for marked values and escapes plain text', () => {
    expect(
      buildXml({
        ToUserName: cdata('zhangsan'),
        CreateTime: '1700000000',
        Note: 'a<b&c',
        Button: { ReplaceName: cdata('已处理') },
      }),
    ).toBe(
      '<xml><ToUserName><![CDATA[zhangsan]]></ToUserName><CreateTime>1700000000</CreateTime>' +
        '<Note>a&lt;b&amp;c</Note><Button><ReplaceName><![CDATA[已处理]]></ReplaceName></Button></xml>',
    );
  });

  it('survives a CDATA terminator inside a value and round-trips', () => {
    const tricky = 'x]]><Injected>1</Injected>';
    const xml = buildXml({ Content: cdata(tricky) });
    expect(parseXml(xml)).toEqual({ Content: tricky });
  });
});
