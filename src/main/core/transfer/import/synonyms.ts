/**
 * The one table of words offices use for the workbench's fields and codes, beyond the workbench's
 * own labels (which the suggestions read from the i18n files): headers of records of processing
 * (PIPL, GB/T 35273, GDPR Art. 30 templates), of partner and vendor lists, of request logs kept in
 * ticket systems; and the values written in their cells. Compared without case or extra spaces; a
 * header or value containing one of these words is suggested too, less strongly.
 */
import type { ImportRegister } from '@shared/domain/import-mapping';

/** register → field → words a header may use for it. */
export const HEADER_SYNONYMS: Partial<Record<ImportRegister, Record<string, string[]>>> = {
  categories: {
    code: ['编号', '活动编号', 'id', 'no.', 'ref', 'reference', 'activity id'],
    name: ['处理活动', '活动名称', '业务活动', '业务场景', '个人信息处理活动', 'activity', 'processing activity', 'name of processing', 'processing operation', 'business process'],
    stage: ['环节', '收集环节', '收集场景', 'stage', 'phase'],
    dataItems: ['个人信息类别', '个人信息种类', '个人信息项', '数据类别', '数据项', '信息类型', 'categories of data', 'categories of personal data', 'personal data categories', 'data categories', 'data items', 'types of data'],
    subjectType: ['数据主体', '信息主体', '个人信息主体', '主体类别', 'data subjects', 'categories of data subjects', 'data subject categories', 'subjects'],
    purposes: ['目的', '处理目的', '使用目的', 'purpose', 'purposes', 'purpose of processing', 'purposes of the processing'],
    legalBasis: ['法律依据', '合法性基础', '处理依据', '合法依据', 'legal basis', 'lawful basis', 'legal ground', 'basis for processing'],
    collectionMethod: ['收集方式', '来源', '信息来源', '数据来源', 'source', 'source of data', 'collection method', 'how collected'],
    sensitive: ['敏感个人信息', '是否敏感', 'sensitive', 'special category', 'special categories'],
    retention: ['保存期限', '存储期限', '留存期限', '保留期限', 'retention', 'retention period', 'time limits for erasure', 'storage period'],
    storageLocation: ['存储地点', '存储位置', 'storage location', 'where stored'],
    crossBorderMechanism: ['出境机制', '出境方式', 'transfer mechanism', 'safeguards', 'transfer safeguards'],
    recipients: ['接收方', '接收者', '共享对象', '提供对象', '第三方', '数据接收方', 'recipients', 'categories of recipients', 'recipient', 'disclosed to', 'third parties'],
    transfers: ['跨境传输', '出境', '数据出境', '境外提供', '境外接收方', 'transfers', 'international transfers', 'transfers to third countries', 'third country transfers', 'cross-border transfers'],
    securityMeasures: ['安全措施', '技术和组织措施', '保护措施', '安全保护措施', 'security measures', 'technical and organisational measures', 'technical and organizational measures', 'toms'],
    notes: ['备注', '说明', 'notes', 'remarks', 'comments'],
    policyClause: ['政策条款', '隐私政策条款', 'policy clause', 'policy section'],
  },
  partners: {
    name: ['合作方', '合作方名称', '第三方名称', '接收方', '供应商', '公司名称', 'partner', 'vendor', 'supplier', 'company', 'recipient', 'third party'],
    role: ['身份', '角色', '类型', 'role', 'type', 'relationship'],
    countryRegion: ['国家/地区', '国家', '地区', '所在地', 'country', 'region', 'location', 'jurisdiction'],
    contact: ['联系方式', '联系人', 'contact', 'email', 'dpo'],
    sharingBasis: ['共享依据', '提供依据', '法律依据', 'sharing basis', 'legal basis', 'basis'],
    notes: ['备注', '说明', 'notes', 'remarks'],
  },
  flows: {
    partner: ['接收方', '合作方', '第三方', 'recipient', 'partner', 'vendor', 'third party'],
    category: ['收集类别', '类别编号', '个人信息类别', 'category', 'category code', 'data category'],
    purpose: ['目的', '共享目的', '提供目的', 'purpose'],
    method: ['方式', '传输方式', '共享方式', 'method', 'transfer method', 'channel'],
    frequency: ['频率', '频次', 'frequency'],
    crossBorder: ['跨境', '是否出境', '出境', 'cross-border', 'cross border', 'international'],
  },
  agreements: {
    referenceNo: ['合同编号', '协议编号', '编号', 'contract no.', 'contract number', 'agreement no.', 'reference'],
    partner: ['合作方', '相对方', '签约方', '供应商', 'counterparty', 'partner', 'vendor', 'supplier'],
    kind: ['协议类型', '合同类型', '类型', 'agreement type', 'contract type', 'type'],
    signedOn: ['签署日期', '签订日期', 'signed', 'signed on', 'date signed'],
    effectiveFrom: ['生效日期', 'effective', 'effective from', 'start date'],
    expiresOn: ['到期日期', '终止日期', '有效期至', 'expires', 'expiry', 'end date'],
  },
  sdks: {
    sdk: ['sdk', 'sdk名称', '第三方sdk', '组件名称', 'sdk name', 'library'],
    vendor: ['提供方', '开发者', '厂商', '第三方', 'vendor', 'provider', 'developer'],
    platform: ['平台', '系统', 'platform', 'os'],
    purpose: ['目的', '使用目的', '功能', 'purpose', 'function'],
  },
  requests: {
    reference: ['工单号', '工单编号', '编号', '单号', 'ticket', 'ticket id', 'ticket no.', 'case id', 'request id', 'reference', 'ref'],
    channel: ['渠道', '来源', '提交渠道', 'channel', 'source', 'via'],
    receivedAt: ['收到时间', '提交时间', '创建时间', '受理时间', 'received', 'created', 'created at', 'submitted', 'date received'],
    requesterName: ['请求人', '申请人', '姓名', '用户姓名', 'requester', 'name', 'customer name', 'requester name', 'data subject'],
    requesterContact: ['联系方式', '电话', '手机', '邮箱', 'contact', 'email', 'phone', 'requester email'],
    accountRef: ['账号', '用户id', '账户', 'account', 'user id', 'customer id'],
    kind: ['请求类型', '类型', '权利类型', '诉求', 'type', 'request type', 'right', 'category'],
    details: ['内容', '描述', '请求内容', '详情', 'description', 'details', 'subject', 'summary'],
    assignee: ['经办人', '处理人', '负责人', 'assignee', 'agent', 'owner', 'assigned to'],
    status: ['状态', '工单状态', 'status', 'state'],
    respondedAt: ['答复时间', '回复时间', '解决时间', '完成时间', 'responded', 'response date', 'resolved', 'resolved at', 'solved at'],
    closedAt: ['结案时间', '关闭时间', 'closed', 'closed at'],
    outcome: ['处理结果', '答复内容', '结果', 'outcome', 'resolution', 'response'],
    refusalReason: ['拒绝理由', '拒绝原因', 'refusal reason', 'reason for refusal'],
  },
};

/** i18n label prefix of a code list → code → words a cell may use for it. */
export const VALUE_SYNONYMS: Record<string, Record<string, string[]>> = {
  'categories:subjectType': {
    individual: ['客户', '用户', '个人', '消费者', '会员', '访客', '收货人', '联系人', '员工', '求职者', '候选人', 'customers', 'customer', 'users', 'user', 'consumers', 'members', 'visitors', 'individuals', 'employees', 'staff', 'applicants', 'candidates', 'prospects'],
    enterprise_member: ['企业用户', '企业客户员工', '客户员工', 'business users', 'enterprise users', 'client staff', 'corporate users'],
    minor: ['未成年人', '儿童', '学生', 'minors', 'children', 'child', 'kids'],
  },
  'categories:legalBasis': {
    consent: ['同意', '用户同意', '个人同意', '经同意', 'consent', 'consented', 'opt-in'],
    contract_or_hr: ['合同', '履行合同', '合同履行', '订立合同', '人力资源管理', '劳动合同', 'contract', 'contractual necessity', 'performance of a contract', 'employment', 'hr'],
    legal_duty: ['法定义务', '法定职责', '法律义务', '法律要求', 'legal obligation', 'legal duty', 'compliance with a legal obligation', 'statutory'],
    emergency: ['紧急情况', '生命健康', 'vital interests', 'emergency'],
    news_reporting: ['新闻报道', 'news', 'journalism'],
    public_information: ['已公开信息', '公开信息', 'publicly available', 'public information'],
    other_law: ['其他法定情形', 'other legal basis', 'other law'],
  },
  'categories:collectionMethod': {
    user_provided: ['直接收集', '用户提供', '本人提供', '主动提供', '用户填写', 'directly', 'direct', 'from the data subject', 'provided by the user', 'user', 'self'],
    automatic: ['自动采集', '自动收集', '系统生成', '设备采集', 'automatically', 'automatic', 'cookies', 'system generated', 'logs'],
    from_affiliate: ['关联公司', '集团', 'affiliate', 'group company'],
    from_partner: ['第三方', '合作伙伴', '合作方', 'third party', 'partner', 'indirectly'],
    credit_bureau: ['征信', '征信机构', 'credit bureau', 'credit agency'],
    public_source: ['公开渠道', '公开来源', 'public', 'public sources'],
  },
  'categories:stage': {
    registration: ['注册', '开户', 'registration', 'sign-up', 'onboarding'],
    service_use: ['使用', '服务', '交易', 'use', 'service', 'operation'],
    support: ['客服', '售后', 'support', 'customer service'],
    indirect: ['间接', 'indirect'],
  },
  'categories:storageLocation': {
    domestic: ['境内', '国内', '中国境内', 'china', 'domestic', 'mainland china'],
    cross_border: ['境外', '出境', 'abroad', 'overseas', 'outside china'],
  },
  'categories:crossBorderMechanism': {
    standard_contract: ['标准合同', 'scc', 'sccs', 'standard contractual clauses', 'standard contract'],
    cac_security_assessment: ['安全评估', '数据出境安全评估', 'security assessment', 'cac assessment'],
    certification: ['认证', '保护认证', 'certification'],
    exempt: ['豁免', '免于申报', 'exempt', 'exemption'],
    none: ['无', '不涉及', '不适用', 'none', 'n/a', 'no'],
  },
  'partners:role': {
    entrusted_processor: ['受托方', '受托人', '委托处理', '处理者', '供应商', 'processor', 'service provider', 'vendor', 'supplier'],
    other_handler: ['第三方', '独立处理者', '其他处理者', 'controller', 'third party', 'independent controller'],
    joint_handler: ['共同处理', '共同处理者', 'joint controller'],
    affiliate: ['关联公司', '集团公司', '母公司', '子公司', 'affiliate', 'group company', 'parent', 'subsidiary'],
    state_organ: ['政府', '监管机构', '行政机关', '司法机关', '公安', 'authority', 'regulator', 'government', 'police', 'court'],
    overseas_recipient: ['境外接收方', '境外', 'overseas recipient'],
    sdk_provider: ['sdk'],
    advertising_provider: ['广告', 'advertising', 'ad network'],
    credit_bureau: ['征信', 'credit bureau'],
  },
  'partners:sharingBasis': {
    consent: ['同意', 'consent'],
    separate_consent: ['单独同意', 'separate consent', 'explicit consent'],
    legal_requirement: ['法定要求', '法律要求', '法律规定', 'legal requirement', 'legal obligation', 'required by law'],
    affiliate_policy: ['关联共享', 'affiliate sharing'],
    contract: ['合同', '履行合同', 'contract'],
  },
  'flows:method': {
    api: ['接口', 'api', 'interface'],
    sdk: ['sdk'],
    file: ['文件', '文件传输', 'sftp', 'file', 'file transfer', 'export'],
    manual: ['人工', '手工', '邮件', 'manual', 'email', 'by hand'],
  },
  'requests:channel': {
    hotline: ['电话', '热线', '客服电话', '400', 'phone', 'telephone', 'call'],
    email: ['邮件', '电子邮件', '邮箱', 'email', 'e-mail', 'mail'],
    in_app: ['app', '应用', '小程序', '在线', '网页', '网站', '表单', 'web', 'web form', 'portal', 'online', 'chat', 'in-app'],
    letter: ['信函', '书面', '邮寄', 'letter', 'post'],
    in_person: ['现场', '柜台', '门店', 'in person', 'walk-in', 'counter'],
    other: ['其他', 'other'],
  },
  'requests:kind': {
    access_copy: ['查询', '查阅', '复制', '访问', 'access', 'copy', 'dsar', 'subject access', 'sar'],
    correction: ['更正', '补充', '修改', 'correction', 'rectification', 'rectify'],
    deletion: ['删除', 'deletion', 'erasure', 'delete', 'right to be forgotten'],
    restriction_objection: ['限制', '拒绝处理', '反对', 'restriction', 'objection', 'object', 'opt-out'],
    portability: ['转移', '可携带', 'portability', 'transfer'],
    withdraw_consent: ['撤回同意', '撤回授权', 'withdraw consent', 'withdrawal of consent', 'unsubscribe'],
    account_cancellation: ['注销', '注销账号', '注销账户', 'account deletion', 'close account', 'account cancellation'],
    explanation: ['解释', '说明规则', 'explanation'],
    complaint: ['投诉', '举报', 'complaint'],
  },
  'requests:status': {
    new: ['新建', '待处理', '未处理', 'open', 'new', 'pending'],
    in_progress: ['处理中', '进行中', 'in progress', 'working', 'assigned'],
    awaiting_requester: ['等待用户', '待用户回复', '挂起', 'on hold', 'waiting', 'awaiting customer', 'pending customer'],
    responded: ['已答复', '已回复', '已解决', '已完成', 'resolved', 'solved', 'responded', 'answered', 'done', 'completed'],
    closed: ['已关闭', '已结案', '关闭', 'closed'],
    refused: ['已拒绝', '拒绝', '驳回', 'rejected', 'refused', 'denied', 'declined'],
    withdrawn: ['已撤回', '撤销', '用户撤回', 'withdrawn', 'cancelled', 'canceled'],
  },
  'sdks:platform': {
    android: ['安卓', 'android'],
    ios: ['苹果', 'ios', 'iphone'],
    web: ['网页', 'h5', 'web'],
    mini_program: ['小程序', '微信小程序', 'mini program', 'mini-program'],
  },
};

/** What a cell writes to say there is nothing (no transfers, no recipients). */
export const NONE_WORDS = ['无', '没有', '不涉及', '不适用', '否', '暂无', '/', '-', '—', 'none', 'no', 'n/a', 'na', 'nil', 'not applicable'];
