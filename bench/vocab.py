"""Word lists for the story generator: names, places, titles, terms and the
known-wrong variants the fault injector swaps in. Data only, no logic."""

# Han surnames, also usable as one-syllable given names.
SURNAMES = """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He
Gao Lin Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong
Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin Fan Fu Qian Tan
Hao Kong Bai Cui Kang Mao Qiu Qin Shi Gu Hou Shao Meng Long Wan Duan Lei Yin
Yi Chang Wen Niu Xia Zhong Fang Ran""".split()

# Given-name syllables (pinyin); two-syllable given names are written as one word.
GIVEN = """an bin bo chao chen cheng chun dong fang fei feng gang guo hai hao hong hua
hui jian jiang jie jin jing jun kai lan lei li liang lin ling long mei min ming na
ning peng ping qiang qing rong rui shan sheng shu tao ting wei wen xiang xiao xin
xing xue yan yang yi ying yong yu yuan yue yun zhen zhi zhong zhou""".split()

# Names whose two halves are the same word: real names, not repetitions.
DOUBLED_NAMES = ["Li Li", "Yang Yang", "Lin Lin", "Wei Wei", "Jing Jing"]

# Tibetan name parts: (pinyin-style romanization, Tibetan-style romanization).
TIBETAN_PARTS = [
    ("Zhaxi", "Tashi"), ("Ciren", "Tsering"), ("Danzeng", "Tenzin"),
    ("Gesang", "Kelsang"), ("Zhuoma", "Dolma"), ("Dunzhu", "Dhondup"),
    ("Pingcuo", "Phuntsok"), ("Basang", "Pasang"), ("Luosang", "Lobsang"),
    ("Ciwang", "Tsewang"), ("Quzhen", "Chodron"), ("Yangjin", "Yangchen"),
    ("Deji", "Dekyi"), ("Baima", "Pema"), ("Duoji", "Dorje"),
    ("Gongga", "Gonggar"), ("Lamu", "Lhamo"), ("Cidan", "Tseten"),
    ("Laba", "Lhakpa"), ("Nima", "Nyima"), ("Bianba", "Penpa"),
    ("Pubu", "Purbu"), ("Qiangba", "Jampa"), ("Suolang", "Sonam"),
    ("Wangdui", "Wangdu"), ("Jiacuo", "Gyatso"), ("Dazhen", "Dadron"),
    ("Ciyang", "Tseyang"), ("Lasang", "Lhasang"), ("Gelie", "Gyalpo"),
]

# Tibetan places with two romanizations in use: (usual, drifted).
PLACE_VARIANTS = [
    ("Shigatse", "Xigaze"), ("Nyingchi", "Linzhi"), ("Qamdo", "Changdu"),
    ("Nagqu", "Naqu"), ("Ngari", "Ali"), ("Lhoka", "Shannan"),
    ("Tsetang", "Zedang"), ("Gyantse", "Gyangze"), ("Dingri", "Tingri"),
    ("Damxung", "Dangxiong"), ("Lhunzhub", "Linzhou"), ("Yadong", "Dromo"),
]
CITIES = ["Shigatse", "Nyingchi", "Qamdo", "Nagqu", "Ngari", "Lhoka"]
COUNTIES = ["Tsetang", "Gyantse", "Dingri", "Damxung", "Lhunzhub", "Yadong"]
DATELINE_CITIES = ["Lhasa", "Shigatse", "Nyingchi", "Qamdo", "Beijing", "Xining", "Chengdu"]

# Provinces by region, in the order Chinese lists give them.
REGIONS = [
    ["Beijing", "Tianjin", "Hebei", "Shanxi", "Inner Mongolia"],
    ["Liaoning", "Jilin", "Heilongjiang"],
    ["Shanghai", "Jiangsu", "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong"],
    ["Henan", "Hubei", "Hunan", "Guangdong", "Guangxi", "Hainan"],
    ["Chongqing", "Sichuan", "Guizhou", "Yunnan", "Tibet"],
    ["Shaanxi", "Gansu", "Ningxia", "Qinghai", "Xinjiang"],
]
# Two neighbours glued by MT from one-character abbreviations.
MANGLED_PAIRS = {
    ("Shaanxi", "Gansu"): "Shaangan", ("Gansu", "Ningxia"): "Ganning",
    ("Ningxia", "Qinghai"): "Ningqing", ("Qinghai", "Xinjiang"): "Qingxin",
    ("Liaoning", "Jilin"): "Liaoji", ("Jilin", "Heilongjiang"): "Jihei",
    ("Jiangsu", "Zhejiang"): "Suzhe", ("Hubei", "Hunan"): "Exiang",
    ("Guizhou", "Yunnan"): "Qiandian",
}
AID_PROVINCES = ["Beijing", "Shanghai", "Jiangsu", "Shandong", "Guangdong", "Tianjin",
                 "Zhejiang", "Liaoning", "Jilin", "Heilongjiang", "Hubei", "Hunan",
                 "Anhui", "Chongqing", "Fujian", "Hebei"]

# Terms rendered one way throughout; the second form is the drift.
TERMS = {
    "liaison": ("cadres and talents liaison group", "cadres and personnel liaison group"),
    "revival": ("rural revitalization", "rural rejuvenation"),
    "barrier": ("ecological security barrier", "ecological safety barrier"),
    "pattern": ("new development pattern", "new development paradigm"),
    "concept": ("new development philosophy", "new development concept"),
    "support": ("counterpart support", "pairing assistance"),
    "medical": ("group-style medical aid", "team-based medical assistance"),
    "relocate": ("relocation for poverty alleviation", "ex-situ poverty relief resettlement"),
    "industry": ("industries with local characteristics", "featured industries"),
    "villages": ("well-off villages in border areas", "moderately prosperous border villages"),
    "sasac": ("State-owned Assets Supervision and Administration Commission",
              "State Assets Supervision and Administration Commission"),
    "gains": ("achievements in poverty alleviation", "fruits of poverty eradication"),
}

# Words that MT sometimes doubles, and phrases it doubles as "X and X".
DOUBLABLE = ["State-owned", "infrastructure", "cooperation", "enterprises", "projects",
             "development", "construction", "investment", "assistance", "comprehensive"]
PHRASE_REPEATS = [
    ("with high standards", "with high standards and high standards"),
    ("with high quality", "with high quality and high quality"),
    ("in an all-round way", "in an all-round way in an all-round way"),
    ("to the greatest extent", "to the greatest extent to the greatest extent"),
    ("in a down-to-earth manner", "in a down-to-earth manner and down-to-earth manner"),
]
# Repetitions that are correct English.
LEGIT_REPEATS = ["step by step", "year after year", "one by one", "face to face"]

END_MARKS_BAD = ["(over)", "(Over)", "(Finish)", "(The end)", "(Complete)"]

MONTHS = [("January", "Jan."), ("February", "Feb."), ("March", "March"), ("April", "April"),
          ("May", "May"), ("June", "June"), ("July", "July"), ("August", "Aug."),
          ("September", "Sept."), ("October", "Oct."), ("November", "Nov."),
          ("December", "Dec.")]

DEPARTMENTS = ["Agriculture and Rural Affairs", "Education", "Commerce", "Culture and Tourism",
               "Ecology and Environment", "Natural Resources", "Health",
               "Human Resources and Social Security", "Housing and Urban-Rural Development"]
COMPANIES = ["China Energy Investment Corporation", "State Grid Tibet Electric Power Company",
             "China Mobile Tibet Company", "China National Building Material Group",
             "China Huadian Corporation", "China Three Gorges Corporation",
             "Tibet Tianlu Company", "China Eastern Airlines Tibet Branch",
             "Bank of Communications Tibet Branch", "China Railway Tibet Company"]
VILLAGES = ["Gangba", "Yulmed", "Samye", "Drumpa", "Khangmar", "Lhatse", "Tingkye", "Kyirong"]

PHOTO_SUBJECTS = [
    "the meeting site", "the signing ceremony", "herders harvesting highland barley",
    "representatives of central enterprises making exchange speeches",
    "students at a newly built school", "workers at the construction site",
    "doctors examining a patient", "visitors at the exhibition hall",
]
AGENCY_REPORTERS = ["Ran Wenjuan", "Zhao Lang", "Jiang Feiyue", "Sun Ruijun", "Tang Xiaomin",
                    "Liu Yuan", "Chen Shuhui", "Bai Lang"]
