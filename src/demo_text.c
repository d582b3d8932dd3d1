/* demo_text.c — the random stream and the words of the demo data set
 * (see demo_text.h).
 *
 * The vocabularies are what a residents' committee's daily log reads
 * like. Texts are put together from parts, so that the same few hundred
 * phrases give many different rows; a handful of rare sentences (马蜂窝,
 * 阿尔茨海默) appear in about one row in five thousand, so that a search
 * benchmark has rare words to look for beside common ones (楼, 走访). */
#include "juwei/demo_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/util.h"

/* --- the random stream ----------------------------------------------- */

static uint64_t
splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void
demo_text_seed(struct demo_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);

    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t
demo_text_next(struct demo_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

uint32_t
demo_text_below(struct demo_rng *r, uint32_t n)
{
    /* Lemire's multiply-shift; the bias (< n / 2^32) does not matter here. */
    return (uint32_t)(((demo_text_next(r) >> 32) * (uint64_t)n) >> 32);
}

int
demo_text_between(struct demo_rng *r, int lo, int hi)
{
    return lo + (int)demo_text_below(r, (uint32_t)(hi - lo + 1));
}

int
demo_text_chance(struct demo_rng *r, unsigned per_mille)
{
    return demo_text_below(r, 1000) < per_mille;
}

/* --- picking from lists ---------------------------------------------- */


static const char *
pick(struct demo_rng *r, const char *const *v, size_t n)
{
    return v[demo_text_below(r, (uint32_t)n)];
}

#define PICK(r, v) pick((r), (v), ARRAY_LEN(v))

static void
add(char *buf, size_t size, const char *s)
{
    size_t n = strlen(buf);

    if (n < size)
        snprintf(buf + n, size - n, "%s", s);
}

static void
addf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
addf(char *buf, size_t size, const char *fmt, ...)
{
    size_t n = strlen(buf);
    va_list ap;

    if (n >= size)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + n, size - n, fmt, ap);
    va_end(ap);
}

/* Weights of the ids of the sample INI's pick-lists, by how often the
 * thing happens; a list of another INI falls back to `other`. */
static const struct {
    const char *list, *id;
    unsigned    w;
} weights[] = {
    { "record", "meeting", 12 },    { "record", "visit", 18 },
    { "record", "inspection", 14 }, { "record", "service", 12 },
    { "record", "mediation", 5 },   { "record", "assistance", 6 },
    { "record", "elderly", 7 },     { "record", "party", 5 },
    { "record", "publicity", 5 },   { "record", "safety", 5 },
    { "record", "sanitation", 4 },  { "record", "paperwork", 9 },
    { "record", "study", 2 },       { "record", "other", 3 },
    { "inspection", "facility", 20 },  { "inspection", "sanitation", 25 },
    { "inspection", "hazard", 12 },    { "inspection", "illegal_building", 4 },
    { "inspection", "fire", 10 },      { "inspection", "parking", 12 },
    { "inspection", "greening", 5 },   { "inspection", "drainage", 6 },
    { "inspection", "stall", 4 },      { "inspection", "other", 2 },
    { "visit", "routine", 30 },     { "visit", "hardship", 10 },
    { "visit", "elderly_care", 16 }, { "visit", "policy", 9 },
    { "visit", "follow_up", 9 },    { "visit", "verify", 12 },
    { "visit", "festival", 6 },     { "visit", "mediation", 4 },
    { "visit", "other", 4 },
    { "leave", "personal", 35 },    { "leave", "sick", 28 },
    { "leave", "annual", 20 },      { "leave", "compensatory", 12 },
    { "leave", "marriage", 1 },     { "leave", "bereavement", 2 },
    { "leave", "maternity", 1 },    { "leave", "paternity", 1 },
    { "employment", "cadre", 10 },  { "employment", "contract", 60 },
    { "employment", "public_welfare", 25 }, { "employment", "seconded", 5 },
    { "tag", "dibao", 40 },         { "tag", "tekun", 8 },
    { "tag", "unemployed", 50 },    { "tag", "elderly_alone", 0 },
    { "tag", "disabled", 30 },      { "tag", "veteran", 20 },
    { "tag", "left_behind", 0 },    { "tag", "key_care", 15 },
    { "tag", "party_member", 80 },  { "tag", "volunteer", 50 },
    { "training", "district", 30 }, { "training", "street", 60 },
    { "training", "other", 10 },
};

unsigned
demo_text_weight(const char *list, const char *id, unsigned other)
{
    for (size_t i = 0; i < ARRAY_LEN(weights); i++) {
        if (strcmp(weights[i].list, list) == 0 &&
            strcmp(weights[i].id, id) == 0)
            return weights[i].w;
    }
    return other;
}

void
demo_text_draw_init(struct demo_draw *dr, size_t n)
{
    dr->cum = xcalloc(n > 0 ? n : 1, sizeof *dr->cum);
    dr->n = 0;
}

void
demo_text_draw_add(struct demo_draw *dr, unsigned weight)
{
    dr->cum[dr->n] = (dr->n > 0 ? dr->cum[dr->n - 1] : 0) + weight;
    dr->n++;
}

void
demo_text_draw_list(struct demo_draw *dr, const struct cfg_list *l,
                    const char *kind)
{
    demo_text_draw_init(dr, l->n);
    for (size_t i = 0; i < l->n; i++)
        demo_text_draw_add(dr, demo_text_weight(kind, l->items[i].id, 3));
}

int
demo_text_draw(const struct demo_draw *dr, struct demo_rng *r)
{
    size_t lo = 0, hi;
    unsigned x;

    if (dr->n == 0 || dr->cum[dr->n - 1] == 0)
        return -1;
    x = demo_text_below(r, dr->cum[dr->n - 1]);
    hi = dr->n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (x < dr->cum[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return (int)lo;
}

void
demo_text_draw_free(struct demo_draw *dr)
{
    free(dr->cum);
    dr->cum = NULL;
    dr->n = 0;
}

/* --- places ---------------------------------------------------------- */

static const char *const spots[] = {
    "小区东门", "小区南门", "小区北门", "小区西门", "地下车库入口",
    "健身广场", "垃圾分类投放点", "沿街商铺门前", "小区中心花园",
    "自行车棚", "电动车充电棚", "快递柜旁", "老年活动室门口", "幼儿园门口",
    "背街小巷", "菜市场周边", "公交站台旁", "社区服务中心门前",
};
static const char *const building_spots[] = {
    "楼道", "单元门口", "东侧", "北侧", "楼顶", "地下室", "楼前空地",
    "消防通道",
};

void
demo_text_place(struct demo_rng *r, char *buf, size_t size)
{
    buf[0] = '\0';
    if (demo_text_chance(r, 550)) {
        int b = demo_text_between(r, 1, 30);
        const char *where = PICK(r, building_spots);

        if (strcmp(where, "楼道") == 0 || strcmp(where, "单元门口") == 0)
            addf(buf, size, "%d号楼%d单元%s", b, demo_text_between(r, 1, 6),
                 where);
        else
            addf(buf, size, "%d号楼%s", b, where);
    } else {
        add(buf, size, PICK(r, spots));
    }
}

/* --- work records ---------------------------------------------------- */

struct vocab {
    const char *id;
    const char *const *titles;  size_t ntitles;
    const char *const *a;       size_t na;   /* what was done */
    const char *const *b;       size_t nb;   /* what came of it */
};

#define V(x) x, ARRAY_LEN(x)

static const char *const meeting_t[] = {
    "参加街道月度工作例会", "召开居委会周例会", "组织居民议事会",
    "召开楼栋长会议", "参加安全生产专题会议", "召开网格员工作会",
    "组织召开党员大会", "参加创文工作推进会", "召开物业联席会议",
    "组织居民代表会议",
};
static const char *const meeting_a[] = {
    "会议传达了街道工作会议精神，", "会议学习了上级文件，",
    "会议通报了垃圾分类工作进展，", "会议部署了近期安全生产检查，",
    "会议讨论了老旧小区改造方案，", "会议听取了居民对停车管理的意见，",
    "会议安排了下一阶段入户走访工作，", "会议研究了困难家庭救助名单，",
};
static const char *const meeting_b[] = {
    "会后形成会议纪要。", "各网格员按分工落实。", "相关事项已报街道。",
    "居民代表一致同意。", "下周再议具体措施。",
};
static const char *const visit_t[] = {
    "入户走访独居老人", "走访低保户家庭", "入户核实人口信息",
    "走访慰问困难家庭", "走访残疾人家庭", "入户走访新迁入居民",
    "走访空巢老人", "回访居民诉求", "走访退役军人家庭",
    "走访重点关注对象",
};
static const char *const visit_a[] = {
    "到%d号楼%d单元走访，了解老人身体和生活情况，",
    "到%d号楼%d单元入户，核实家庭人口和收入情况，",
    "到%d号楼%d单元看望居民，询问近期有无困难，",
    "到%d号楼%d单元回访，了解此前反映的漏水问题处理情况，",
    "到%d号楼%d单元走访，宣传养老服务补贴政策，",
};
static const char *const visit_b[] = {
    "老人精神状态良好。", "已登记需求，将协调志愿者上门。",
    "居民对处理结果表示满意。", "已留下联系方式，有事随时联系。",
    "情况已记入走访台账。", "需进一步跟进。",
};
static const char *const insp_t[] = {
    "巡查楼道堆放杂物", "巡查小区消防通道", "夜间巡查路灯",
    "巡查电动车充电情况", "巡查沿街商铺", "巡查垃圾分类投放点",
    "巡查高空抛物隐患", "巡查老旧楼栋外墙", "巡查小区井盖",
    "巡查施工现场围挡",
};
static const char *const insp_a[] = {
    "在%d号楼%d单元发现楼道堆放杂物，", "在%d号楼%d单元发现路灯损坏，",
    "在%d号楼%d单元发现电动车在楼道充电，",
    "在%d号楼%d单元发现消防通道被占用，",
    "在%d号楼%d单元发现井盖松动，", "在%d号楼%d单元发现墙皮脱落，",
    "在%d号楼%d单元未发现明显问题，",
};
static const char *const insp_b[] = {
    "已通知物业处理。", "已拍照上报。", "已当场劝导整改。",
    "已联系维修单位。", "明天复查。", "已登记巡查记录。",
};
static const char *const service_t[] = {
    "代办老年优待证", "办理居住证明", "协助办理医保参保",
    "开具困难证明", "协助办理残疾证年审", "代办高龄津贴申请",
    "接待居民办事咨询", "协助办理独生子女证明", "帮助居民预约疫苗接种",
};
static const char *const service_a[] = {
    "为%d号楼%d单元居民代办相关手续，", "接待%d号楼%d单元居民来访，",
    "为%d号楼%d单元老人上门服务，", "协助%d号楼%d单元居民准备材料，",
};
static const char *const service_b[] = {
    "材料已报街道便民服务中心。", "当场办结。", "需补充户口本复印件。",
    "已告知办理进度查询方式。", "居民表示感谢。",
};
static const char *const mediation_t[] = {
    "调解邻里漏水纠纷", "调解楼上噪音扰民纠纷", "调解家庭赡养纠纷",
    "调解停车位纠纷", "调解宠物扰民纠纷", "调解物业费纠纷",
    "调解租客与房东纠纷",
};
static const char *const mediation_a[] = {
    "约%d号楼%d单元双方当事人到居委会面谈，", "到%d号楼%d单元现场查看情况，",
    "联合物业和%d号楼%d单元楼栋长共同调解，", "电话联系%d号楼%d单元当事人，",
};
static const char *const mediation_b[] = {
    "双方达成一致意见。", "双方各让一步，签订调解协议。",
    "暂未达成一致，择日再调。", "已引导当事人通过法律途径解决。",
};
static const char *const assistance_t[] = {
    "低保年度复核", "临时救助申请入户调查", "慰问特困供养人员",
    "发放救助物资", "残疾人两项补贴审核", "困难家庭子女助学申请",
};
static const char *const assistance_a[] = {
    "到%d号楼%d单元入户调查家庭经济状况，",
    "为%d号楼%d单元困难家庭送去米面油，",
    "审核%d号楼%d单元居民提交的申请材料，",
    "与%d号楼%d单元居民核对银行账户信息，",
};
static const char *const assistance_b[] = {
    "符合条件，已报街道审批。", "材料齐全。", "需补充收入证明。",
    "已公示七天无异议。",
};
static const char *const elderly_t[] = {
    "为高龄老人送餐", "组织老年人健康体检", "探望独居老人",
    "开展老年人防诈骗讲座", "协助老人安装紧急呼叫器", "组织老年大学活动",
};
static const char *const elderly_a[] = {
    "到%d号楼%d单元为老人送餐，", "陪同%d号楼%d单元老人到社区卫生站体检，",
    "为%d号楼%d单元独居老人检查燃气和用电，",
    "在活动室为%d号楼%d单元等老人讲解，",
};
static const char *const elderly_b[] = {
    "老人身体状况稳定。", "已通知家属。", "参加老人二十余人。",
    "老人反映良好。",
};
static const char *const party_t[] = {
    "组织主题党日活动", "收缴党费", "开展党员志愿服务", "组织党员集中学习",
    "召开组织生活会", "发展党员谈话",
};
static const char *const party_a[] = {
    "组织社区党员学习党的二十大精神，", "带领党员到%d号楼%d单元周边清理垃圾，",
    "上门为%d号楼%d单元行动不便的老党员送学，",
};
static const char *const party_b[] = {
    "到会党员三十余人。", "活动照片已存档。", "党员反响较好。",
};
static const char *const publicity_t[] = {
    "宣传垃圾分类政策", "开展反诈宣传", "宣传医保缴费政策", "宣传防汛知识",
    "张贴征兵宣传海报", "宣传文明养犬", "宣传燃气安全知识",
};
static const char *const publicity_a[] = {
    "在小区门口设点发放宣传材料，", "在%d号楼%d单元张贴宣传海报，",
    "通过居民微信群推送政策解读，", "入户到%d号楼%d单元发放告知书，",
};
static const char *const publicity_b[] = {
    "发放资料两百余份。", "居民咨询踊跃。", "已在宣传栏公示。",
};
static const char *const safety_t[] = {
    "检查燃气使用安全", "开展消防演练", "排查电动车违规充电",
    "检查小区消防设施", "排查高层建筑消防隐患", "检查沿街商铺灭火器",
};
static const char *const safety_a[] = {
    "检查%d号楼%d单元燃气管道和报警器，", "组织%d号楼%d单元居民参加疏散演练，",
    "排查%d号楼%d单元楼道内电动车充电情况，",
    "检查%d号楼%d单元消火栓和应急照明，",
};
static const char *const safety_b[] = {
    "未发现安全隐患。", "发现隐患一处，已责令整改。", "已建立隐患台账。",
};
static const char *const sanitation_t[] = {
    "组织环境卫生大扫除", "清理楼道小广告", "清理绿化带垃圾",
    "整治背街小巷卫生", "开展爱国卫生运动", "清运建筑垃圾",
};
static const char *const sanitation_a[] = {
    "组织志愿者清理%d号楼%d单元周边卫生，", "清理%d号楼%d单元楼道小广告，",
    "联系环卫部门清运%d号楼%d单元旁建筑垃圾，",
};
static const char *const sanitation_b[] = {
    "清理垃圾三车。", "环境明显改善。", "已安排定期保洁。",
};
static const char *const paperwork_t[] = {
    "整理民政救助台账", "录入人口信息系统", "整理会议记录",
    "更新网格基础信息", "报送月度工作报表", "归档走访记录",
};
static const char *const paperwork_a[] = {
    "整理本月台账资料，", "核对%d号楼%d单元人口信息，",
    "录入本周走访记录，", "汇总各网格上报数据，",
};
static const char *const paperwork_b[] = {
    "已报送街道。", "已归档。", "发现三处信息不一致，已核实更正。",
};
static const char *const study_t[] = {
    "参加街道业务培训", "学习民法典相关内容", "学习社区工作者职业规范",
    "参加网格员系统操作培训", "学习安全生产法",
};
static const char *const study_a[] = {
    "参加街道组织的集中培训，", "利用午休时间自学，", "参加线上专题讲座，",
};
static const char *const study_b[] = {
    "做好学习笔记。", "已完成线上考试。", "结合工作实际撰写心得。",
};
static const char *const other_t[] = {
    "接待居民来访", "协助开展志愿服务活动", "接听居民电话咨询",
    "配合派出所开展工作", "协助开展全民健身活动", "处理居民投诉",
};
static const char *const other_a[] = {
    "接待%d号楼%d单元居民，", "配合相关部门到%d号楼%d单元核实情况，",
    "协助组织居民活动，",
};
static const char *const other_b[] = {
    "已妥善处理。", "已向主任汇报。", "下一步继续跟进。",
};

static const struct vocab records_vocab[] = {
    { "meeting", V(meeting_t), V(meeting_a), V(meeting_b) },
    { "visit", V(visit_t), V(visit_a), V(visit_b) },
    { "inspection", V(insp_t), V(insp_a), V(insp_b) },
    { "service", V(service_t), V(service_a), V(service_b) },
    { "mediation", V(mediation_t), V(mediation_a), V(mediation_b) },
    { "assistance", V(assistance_t), V(assistance_a), V(assistance_b) },
    { "elderly", V(elderly_t), V(elderly_a), V(elderly_b) },
    { "party", V(party_t), V(party_a), V(party_b) },
    { "publicity", V(publicity_t), V(publicity_a), V(publicity_b) },
    { "safety", V(safety_t), V(safety_a), V(safety_b) },
    { "sanitation", V(sanitation_t), V(sanitation_a), V(sanitation_b) },
    { "paperwork", V(paperwork_t), V(paperwork_a), V(paperwork_b) },
    { "study", V(study_t), V(study_a), V(study_b) },
    { "other", V(other_t), V(other_a), V(other_b) },
};

static const char *const openings[] = {
    "", "", "", "上午", "下午", "今天上午", "今天下午", "按计划",
};

/* One row in about five thousand ends with one of these: the rare
 * words of the search benchmark. */
static const char *const rare[] = {
    "另：楼顶发现马蜂窝，已联系消防摘除。",
    "另：协助寻找走失的阿尔茨海默病老人，已平安送回。",
    "另：居民反映流浪猫夜间扰民。",
    "另：化粪池满溢，已联系抽粪车。",
    "另：古树名木挂牌保护情况良好。",
    "另：发现有人在楼道饲养鸽子，已劝导。",
    "另：协助救助受伤的刺猬，已送野保站。",
    "另：居民捡到钱包一个，已交派出所。",
};

void
demo_text_record(struct demo_rng *r, const char *category, char *title,
                 size_t tsize, char *details, size_t dsize)
{
    const struct vocab *v = &records_vocab[ARRAY_LEN(records_vocab) - 1];
    int b = demo_text_between(r, 1, 30), u = demo_text_between(r, 1, 6);

    for (size_t i = 0; i < ARRAY_LEN(records_vocab); i++) {
        if (strcmp(records_vocab[i].id, category) == 0)
            v = &records_vocab[i];
    }
    snprintf(title, tsize, "%s", pick(r, v->titles, v->ntitles));
    details[0] = '\0';
    add(details, dsize, PICK(r, openings));
    /* The parts hold %d号楼%d单元 at most once; extra arguments are
     * ignored by printf. */
    addf(details, dsize, pick(r, v->a, v->na), b, u);
    add(details, dsize, pick(r, v->b, v->nb));
    if (demo_text_chance(r, 300))
        add(details, dsize, "已记录在台账。");
    if (demo_text_below(r, 5000) == 0)
        add(details, dsize, PICK(r, rare));
}

/* --- inspections ----------------------------------------------------- */

static const char *const found_facility[] = {
    "路灯损坏不亮", "健身器材螺丝松动", "井盖破损", "小区门禁故障",
    "楼道灯不亮", "休闲座椅损坏", "单元门闭门器损坏", "信报箱脱落",
};
static const char *const found_sanitation[] = {
    "垃圾桶满溢未及时清运", "楼道堆放杂物", "绿化带内有生活垃圾",
    "小广告乱张贴", "宠物粪便未清理", "建筑垃圾乱堆", "垃圾分类投放不规范",
};
static const char *const found_hazard[] = {
    "电动车在楼道内充电", "私拉电线给电动车充电", "外墙瓷砖脱落",
    "阳台花盆摆放有坠落风险", "燃气管道锈蚀", "窨井盖缺失", "广告牌松动",
};
static const char *const found_building[] = {
    "一楼住户违规搭建阳光房", "屋顶违规加盖", "私自圈占公共绿地",
    "违规搭建雨棚", "私自破墙开门",
};
static const char *const found_fire[] = {
    "消防通道被车辆占用", "楼道消火栓被杂物遮挡", "安全出口被锁闭",
    "灭火器过期", "消防通道堆放杂物", "应急照明损坏",
};
static const char *const found_parking[] = {
    "车辆乱停乱放堵塞通道", "共享单车乱停放", "僵尸车长期占用车位",
    "机动车占用盲道",
};
static const char *const found_greening[] = {
    "绿化带被踩踏", "树木被私自砍伐", "居民在绿地种菜", "树枝遮挡路灯",
};
static const char *const found_drainage[] = {
    "下水道堵塞污水外溢", "雨后路面积水", "化粪池满溢", "排水管破裂",
};
static const char *const found_stall[] = {
    "沿街商铺占道经营", "流动摊贩占道", "夜市摊点油烟扰民",
};
static const char *const found_other[] = {
    "高空抛物", "噪音扰民", "流浪犬出没", "群租房人员进出频繁",
};
static const struct {
    const char *id;
    const char *const *v;
    size_t n;
} found_vocab[] = {
    { "facility", V(found_facility) },   { "sanitation", V(found_sanitation) },
    { "hazard", V(found_hazard) },
    { "illegal_building", V(found_building) },
    { "fire", V(found_fire) },           { "parking", V(found_parking) },
    { "greening", V(found_greening) },   { "drainage", V(found_drainage) },
    { "stall", V(found_stall) },         { "other", V(found_other) },
};
static const char *const found_more[] = {
    "", "", "，居民多次反映", "，存在安全隐患", "，影响居民通行",
    "，已拍照留存", "，需尽快处理",
};

void
demo_text_found(struct demo_rng *r, const char *category, char *buf,
                size_t size)
{
    size_t k = ARRAY_LEN(found_vocab) - 1;

    for (size_t i = 0; i < ARRAY_LEN(found_vocab); i++) {
        if (strcmp(found_vocab[i].id, category) == 0)
            k = i;
    }
    snprintf(buf, size, "%s%s。", pick(r, found_vocab[k].v, found_vocab[k].n),
             PICK(r, found_more));
}

static const char *const to_progress[] = {
    "已通知物业处理", "已联系维修单位", "已电话联系当事人",
    "已上门督促整改", "已派网格员现场核实",
};
static const char *const to_resolved[] = {
    "已修复，复查合格", "已清理完毕", "当事人已自行整改", "维修单位已更换",
    "问题已解决，居民满意",
};
static const char *const to_escalated[] = {
    "涉及多部门职责，上报街道协调", "需城管执法部门处理，已上报",
    "整改难度大，申请街道支持",
};
static const char *const street_back[] = {
    "街道已协调相关部门，交社区跟进", "已转物业公司限期整改",
};
static const char *const street_resolved[] = {
    "街道协调城管部门已处理完毕", "经街道协调已拆除",
};

void
demo_text_followup(struct demo_rng *r, const char *from, const char *to,
                   char *buf, size_t size)
{
    const char *s;

    if (strcmp(to, "escalated") == 0)
        s = PICK(r, to_escalated);
    else if (strcmp(from, "escalated") == 0)
        s = strcmp(to, "resolved") == 0 ? PICK(r, street_resolved)
                                        : PICK(r, street_back);
    else if (strcmp(to, "resolved") == 0)
        s = PICK(r, to_resolved);
    else
        s = PICK(r, to_progress);
    snprintf(buf, size, "%s。", s);
}

/* --- visits ---------------------------------------------------------- */

static const char *const discussed_any[] = {
    "了解家庭近况和身体情况", "询问生活中有无困难", "了解子女探望情况",
    "核实家庭人口和联系方式", "宣传养老服务补贴政策", "宣传反诈骗知识",
    "了解就业意愿和技能情况", "询问低保待遇是否按时到账",
    "了解房屋漏水维修进展", "听取对小区物业服务的意见",
};
static const char *const outcome_any[] = {
    "情况良好，无特殊需求", "已登记需求，协调志愿者上门",
    "已帮助联系物业维修", "建议申请临时救助，已告知所需材料",
    "居民表示满意", "已推荐参加社区就业培训", "需下次回访确认",
    "已告知家属注意老人安全",
};
static const char *const discussed_festival[] = {
    "春节前上门慰问，送去米面油", "中秋节慰问，送去月饼",
    "重阳节慰问高龄老人",
};

void
demo_text_visit(struct demo_rng *r, const char *purpose, char *discussed,
                size_t dsize, char *outcome, size_t osize)
{
    if (strcmp(purpose, "festival") == 0)
        snprintf(discussed, dsize, "%s。", PICK(r, discussed_festival));
    else
        snprintf(discussed, dsize, "%s，%s。", PICK(r, discussed_any),
                 PICK(r, discussed_any));
    snprintf(outcome, osize, "%s。", PICK(r, outcome_any));
}

/* --- leave, training, residents -------------------------------------- */

static const struct {
    const char *id;
    const char *reason[4];
} leave_reasons[] = {
    { "personal", { "家中有事需处理", "孩子开家长会", "陪同父母就医",
                    "办理房产手续" } },
    { "sick", { "感冒发烧", "腰椎间盘突出需休养", "术后复查", "牙科治疗" } },
    { "annual", { "年休假外出探亲", "年休假", "年休假陪家人出游",
                  "年休假" } },
    { "marriage", { "结婚", "结婚", "结婚", "结婚" } },
    { "bereavement", { "直系亲属去世", "直系亲属去世", "直系亲属去世",
                       "直系亲属去世" } },
    { "maternity", { "生育", "生育", "生育", "生育" } },
    { "paternity", { "配偶生育陪护", "配偶生育陪护", "配偶生育陪护",
                     "配偶生育陪护" } },
    { "compensatory", { "周末加班调休", "防汛值班调休", "节日值班调休",
                        "周末加班调休" } },
};

const char *
demo_text_leave_reason(struct demo_rng *r, const char *type)
{
    for (size_t i = 0; i < ARRAY_LEN(leave_reasons); i++) {
        if (strcmp(leave_reasons[i].id, type) == 0)
            return leave_reasons[i].reason[demo_text_below(r, 4)];
    }
    return "个人事务";
}

const char *
demo_text_leave_comment(struct demo_rng *r, int approved)
{
    static const char *const yes[] = {
        NULL, NULL, "同意", "同意，注意安排好工作交接", "同意，早日康复",
    };
    static const char *const no[] = {
        "近期工作任务重，请调整时间", "本周人员不足，请改期",
    };

    return approved ? PICK(r, yes) : PICK(r, no);
}

static const char *const training_titles[] = {
    "社区工作者业务能力提升培训", "网格化管理系统操作培训", "消防安全知识培训",
    "民法典专题讲座", "反电信网络诈骗宣传培训", "矛盾纠纷调解技巧培训",
    "社会救助政策解读", "垃圾分类工作培训", "应急管理与防汛培训",
    "心理健康与压力疏导讲座", "党史学习教育专题培训", "公文写作培训",
    "信访工作业务培训", "人口信息采集业务培训",
};
static const char *const organisers[] = {
    "区民政局", "街道党工委", "区委组织部", "区消防救援支队", "区司法局",
    "街道社会事务科", "区城管局", "区应急管理局",
};

void
demo_text_training(struct demo_rng *r, const char **title,
                   const char **organiser)
{
    *title = PICK(r, training_titles);
    *organiser = PICK(r, organisers);
}

const char *
demo_text_resident_note(struct demo_rng *r, int age)
{
    static const char *const old[] = {
        "独居，子女在外地", "腿脚不便，需上门服务", "患有高血压，按时服药",
        "听力不好，说话需大声", "老伴去世，子女每周探望",
    };
    static const char *const any[] = {
        "租户，租期一年", "新迁入", "家中有在校大学生", "长期在外地工作",
    };

    if (!demo_text_chance(r, 100))
        return NULL;
    return age >= 70 ? PICK(r, old) : PICK(r, any);
}
