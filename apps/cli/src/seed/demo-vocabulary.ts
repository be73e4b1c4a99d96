import type { IndustrySection } from '@kaf/business-codes';

/** Word pools the demo names are drawn from. Fictitious companies and people. */
export const SURNAMES = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['林', 'lin'],
] as const;

export const GIVEN_NAMES = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['磊', 'lei'],
  ['洋', 'yang'],
  ['艳', 'yan'],
  ['勇', 'yong'],
  ['军', 'jun'],
  ['杰', 'jie'],
  ['婷', 'ting'],
  ['强', 'qiang'],
  ['浩然', 'haoran'],
  ['子涵', 'zihan'],
  ['雨桐', 'yutong'],
  ['建国', 'jianguo'],
  ['晓东', 'xiaodong'],
] as const;

/** Brand words of company names: Chinese and a latin spelling for e-mail domains. */
export const BRANDS = [
  ['华信', 'huaxin'],
  ['正泰', 'zhengtai'],
  ['恒通', 'hengtong'],
  ['远航', 'yuanhang'],
  ['盛达', 'shengda'],
  ['新锐', 'xinrui'],
  ['金鼎', 'jinding'],
  ['汇丰源', 'huifengyuan'],
  ['天成', 'tiancheng'],
  ['创维达', 'chuangweida'],
  ['博远', 'boyuan'],
  ['鸿运', 'hongyun'],
  ['瑞康', 'ruikang'],
  ['中科润', 'zhongkerun'],
  ['嘉禾', 'jiahe'],
  ['海联', 'hailian'],
  ['宏图', 'hongtu'],
  ['光明', 'guangming'],
  ['安泰', 'antai'],
  ['星辰', 'xingchen'],
  ['东方红', 'dongfanghong'],
  ['万象', 'wanxiang'],
  ['领航', 'linghang'],
  ['益民', 'yimin'],
  ['同创', 'tongchuang'],
  ['凯越', 'kaiyue'],
] as const;

/** Industries of the demo customers (GB/T 4754 sections), weighted by repetition. */
export const INDUSTRY_MIX: readonly IndustrySection[] = [
  'C',
  'C',
  'C',
  'I',
  'I',
  'I',
  'F',
  'F',
  'G',
  'G',
  'J',
  'J',
  'E',
  'K',
  'M',
  'Q',
  'P',
  'D',
  'L',
  'R',
];

/** The business word of a company name in each demo industry. */
export const INDUSTRY_WORDS: Partial<Record<IndustrySection, string>> = {
  C: '智能制造有限公司',
  I: '信息技术有限公司',
  F: '商贸有限公司',
  G: '物流有限公司',
  J: '融资租赁有限公司',
  E: '建设工程有限公司',
  K: '置业有限公司',
  M: '检测技术有限公司',
  Q: '医疗管理有限公司',
  P: '教育科技有限公司',
  D: '能源有限公司',
  L: '商务服务有限公司',
  R: '文化传媒有限公司',
};

export const STREETS = ['科技园路', '人民路', '中山大道', '解放路', '滨江路', '创业路', '金融街', '工业大道'];

export const AGREEMENT_TITLES = [
  '综合信息服务协议',
  '专线接入服务协议',
  '5G 行业应用服务协议',
  '云网融合服务协议',
];

/** Why a demo customer was moved to a status (suspending and churning need a reason). */
export const STATUS_REASONS = {
  active: '签约开通',
  suspended: '客户申请业务暂停',
  churned: '合同到期未续约，业务迁出',
} as const;

/** Job titles of contacts at the customer. */
export const CONTACT_ROLES = ['总经理', '信息部经理', '财务总监', '采购经理', 'IT 主管', '行政主管'] as const;

export const VISIT_SUMMARIES = [
  '季度业务回顾，客户关注专线带宽升级',
  '了解客户新园区网络需求，约定方案交流',
  '续约洽谈，客户希望调整资费结构',
  '故障复盘沟通，客户对响应时效表示认可',
  '推介 5G 专网与边缘计算方案',
  '拜访信息中心负责人，收集云迁移计划',
];

export const FOLLOW_UPS = ['提交带宽升级报价', '安排方案交流会', '准备续约资费方案', '发送 5G 专网案例材料'];

/** The national groups of the demo: name, short name for branch names, industry, grade. */
export const DEMO_GROUPS = [
  { name: '华南智造控股集团有限公司', short: '华南智造', industry: 'C', grade: 'A' },
  { name: '浙商数联科技集团有限公司', short: '浙商数联', industry: 'I', grade: 'A' },
  { name: '中联物流集团有限公司', short: '中联物流', industry: 'G', grade: 'B' },
] as const satisfies readonly { name: string; short: string; industry: IndustrySection; grade: string }[];
