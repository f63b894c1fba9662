//! Word lists for demo data: Chinese and English names of companies, people and places, as a
//! small sales team in China would meet them.

/// (display name, login) of reps; logins are ASCII like OS user names.
pub const REPS: &[(&str, &str)] = &[
    ("张伟", "zhang.wei"),
    ("李娜", "li.na"),
    ("王芳", "wang.fang"),
    ("刘洋", "liu.yang"),
    ("陈静", "chen.jing"),
    ("杨磊", "yang.lei"),
    ("赵敏", "zhao.min"),
    ("黄强", "huang.qiang"),
    ("周婷", "zhou.ting"),
    ("吴刚", "wu.gang"),
    ("徐丽", "xu.li"),
    ("孙浩", "sun.hao"),
    ("马超", "ma.chao"),
    ("朱琳", "zhu.lin"),
    ("胡军", "hu.jun"),
    ("郭佳", "guo.jia"),
    ("何平", "he.ping"),
    ("高峰", "gao.feng"),
    ("林雪", "lin.xue"),
    ("罗斌", "luo.bin"),
    ("Ann Lee", "ann.lee"),
    ("David Chen", "david.chen"),
    ("Emily Wang", "emily.wang"),
    ("Tom Baker", "tom.baker"),
    ("Grace Liu", "grace.liu"),
    ("Kevin Zhou", "kevin.zhou"),
];

pub const TEAMS: &[&str] = &["east", "south", "north", "west", "central"];

pub const ZH_CITIES: &[&str] = &[
    "上海", "深圳", "北京", "杭州", "苏州", "南京", "成都", "武汉", "广州", "天津", "重庆", "西安",
    "青岛", "宁波", "厦门", "长沙", "郑州", "合肥", "佛山", "无锡",
];
pub const ZH_BRANDS: &[&str] = &[
    "华", "鑫", "泰", "恒", "瑞", "达", "盛", "源", "宏", "德", "金", "宇", "嘉", "博", "元", "正",
    "天", "海", "新", "安", "丰", "信", "创", "远", "中", "永", "佳", "立", "明", "凯",
];
pub const ZH_TRADES: &[&str] = &[
    "精密机械",
    "智能科技",
    "新材料",
    "电子",
    "医疗器械",
    "环保科技",
    "能源",
    "物流",
    "食品",
    "建材",
    "化工",
    "汽车配件",
    "纺织",
    "软件",
    "通信",
    "光电",
    "包装",
    "家居",
    "仪器",
    "模具",
];
pub const ZH_FORMS: &[&str] = &[
    "有限公司",
    "股份有限公司",
    "集团有限公司",
    "科技有限公司",
    "实业有限公司",
];

pub const EN_BRANDS: &[&str] = &[
    "Northwind",
    "Contoso",
    "Blue River",
    "Summit",
    "Golden Gate",
    "Pacific",
    "Atlas",
    "Pioneer",
    "Evergreen",
    "Silverline",
    "Redwood",
    "Harbor",
    "Keystone",
    "Lakeside",
    "Meridian",
    "Orion",
    "Sterling",
    "Vertex",
    "Crescent",
    "Beacon",
];
pub const EN_TRADES: &[&str] = &[
    "Trading",
    "Machinery",
    "Electronics",
    "Logistics",
    "Foods",
    "Textiles",
    "Medical",
    "Software",
    "Energy",
    "Packaging",
    "Instruments",
    "Materials",
];
pub const EN_FORMS: &[&str] = &["Ltd", "Co., Ltd", "Inc.", "Group", "Holdings"];

pub const REGIONS: &[&str] = &[
    "华东", "华南", "华北", "华中", "西南", "西北", "东北", "Overseas",
];
pub const INDUSTRIES: &[&str] = &[
    "制造业",
    "电子",
    "医疗",
    "化工",
    "物流",
    "零售",
    "能源",
    "Software",
    "Food",
    "Automotive",
];
pub const SOURCES: &[&str] = &["referral", "exhibition", "online", "cold call", "other"];
pub const SIZES: &[&str] = &["1-50", "51-200", "201-1000", "1000+"];
pub const TAGS: &[&str] = &[
    "重点",
    "续约",
    "大客户",
    "key account",
    "price-sensitive",
    "new",
];

pub const PEOPLE: &[&str] = &[
    "王总",
    "李经理",
    "张工",
    "刘主任",
    "陈总监",
    "杨采购",
    "赵会计",
    "孙博士",
    "周经理",
    "Mr. Smith",
    "Ms. Johnson",
    "Dr. Müller",
    "Mr. Tanaka",
    "Ms. Garcia",
];
pub const TITLES: &[&str] = &[
    "总经理",
    "采购经理",
    "技术总监",
    "财务",
    "CEO",
    "Buyer",
    "Engineer",
];

pub const VISIT_SUMMARIES: &[&str] = &[
    "介绍新产品，客户有兴趣",
    "讨论报价，等待对方内部审批",
    "技术交流，需提供样品",
    "回访使用情况，反馈良好",
    "催收货款，约定下月付清",
    "参观工厂，见到采购负责人",
    "Presented the new line; they want a quote",
    "Negotiated price, waiting for approval",
    "Follow-up call about delivery dates",
    "Met the buyer and the engineer at the fair",
];
pub const PURPOSES: &[&str] = &["产品介绍", "报价", "回款", "售后", "Relationship", "Demo"];
pub const OUTCOMES: &[&str] = &[
    "达成初步意向",
    "需再次跟进",
    "已下单",
    "Positive",
    "No decision yet",
];
pub const NEXT_STEPS: &[&str] = &[
    "发送报价单",
    "安排技术交流",
    "寄送样品",
    "Send contract",
    "Call back",
];

pub const PRODUCTS: &[&str] = &[
    "标准件",
    "定制设备",
    "软件服务",
    "耗材",
    "Maintenance",
    "Consulting",
];
pub const DEAL_TITLES: &[&str] = &[
    "年度采购框架",
    "生产线改造",
    "设备更新",
    "试用订单",
    "Annual supply contract",
    "Pilot order",
    "Service renewal",
    "Plant expansion",
];
pub const LOST_REASONS: &[&str] = &[
    "价格太高",
    "选择了竞争对手",
    "预算取消",
    "Lost on price",
    "No budget",
];

pub const RATING_COMMENTS: &[&str] = &[
    "客户关系维护到位，回款需加强",
    "本季度进步明显",
    "拜访记录及时、详细",
    "Strong closer; log visits sooner",
    "Good teamwork on the joint visits",
];
pub const RATING_RESPONSES: &[&str] = &["收到，下季度改进", "谢谢认可", "Agreed, will do"];
