//! Quality management in words: the standard's groups and indicators, a clause's finding, the band with its stars,
//! a sampling finding's kind, an auditee, a corrective action's source and status, a period report's sentences.
//!
//! Must not: decide anything (`domain::checklist`, `standards`, `sampling`, `corrective` do).

use super::Lang;
use crate::domain::assessment::exact::Exact;
use crate::domain::sampling::{FindingKind, SampleSize};
use crate::domain::standards::{Band, Finding, Group, Indicator};

pub fn group_name(lang: Lang, group: Group) -> &'static str {
    match group {
        Group::ServiceSystem => lang.pick("售后服务体系", "After-sales service system"),
        Group::ProductService => lang.pick("商品服务", "Product service"),
        Group::CustomerService => lang.pick("顾客服务", "Customer service"),
    }
}

pub fn indicator_name(lang: Lang, indicator: Indicator) -> &'static str {
    use Indicator::*;
    match indicator {
        Organisation => lang.pick("组织架构", "Organisation"),
        Staffing => lang.pick("人员配置", "Staffing"),
        Resources => lang.pick("资源配置", "Resources"),
        Norms => lang.pick("规范要求", "Norms"),
        Supervision => lang.pick("监督", "Supervision"),
        Improvement => lang.pick("改进", "Improvement"),
        ServiceCulture => lang.pick("服务文化", "Service culture"),
        ProductInformation => lang.pick("商品信息", "Product information"),
        TechnicalSupport => lang.pick("技术支持", "Technical support"),
        Delivery => lang.pick("配送", "Delivery"),
        Repair => lang.pick("维修", "Repair"),
        QualityAssurance => lang.pick("质量保证", "Quality assurance"),
        Recycling => lang.pick("废弃商品回收", "Recycling"),
        CustomerRelations => lang.pick("顾客关系", "Customer relations"),
        ComplaintHandling => lang.pick("投诉处理", "Complaint handling"),
    }
}

/// A finding in a word or two; a sample with its counts.
pub fn finding_text(lang: Lang, finding: Option<Finding>) -> String {
    match finding {
        None => lang.pick("未评", "Not assessed").into(),
        Some(Finding::Conforming) => lang.pick("符合", "Conforms").into(),
        Some(Finding::NotConforming) => lang.pick("不符合", "Does not conform").into(),
        Some(Finding::NotApplicable) => lang.pick("不适用", "Not applicable").into(),
        Some(Finding::Sampled {
            checked,
            not_conforming,
        }) => match lang {
            Lang::Zh => format!("抽查 {checked} 项，不符合 {not_conforming} 项"),
            Lang::En => format!("Sampled {checked}, {not_conforming} not conforming"),
        },
    }
}

/// The four choices of a clause's finding (the select's values and labels).
pub fn finding_choices(lang: Lang) -> Vec<(String, String)> {
    [
        ("", lang.pick("— 未评 —", "— Not assessed —")),
        ("conforming", lang.pick("符合", "Conforms")),
        ("not_conforming", lang.pick("不符合", "Does not conform")),
        ("sampled", lang.pick("抽查", "Sampled")),
        ("not_applicable", lang.pick("不适用", "Not applicable")),
    ]
    .into_iter()
    .map(|(v, l)| (v.to_string(), l.to_string()))
    .collect()
}

pub fn band_text(lang: Lang, band: Band) -> String {
    match band {
        Band::NotConforming => lang.pick("不达标", "Not conforming").into(),
        Band::Conforming => lang.pick("达标", "Conforming").into(),
        stars => {
            let count = usize::from(stars.stars());
            format!(
                "{} {}",
                "★".repeat(count),
                match lang {
                    Lang::Zh => format!("{count} 星"),
                    Lang::En => format!("{count} stars"),
                }
            )
        }
    }
}

pub fn finding_kind_name(lang: Lang, kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::RecordIncomplete => lang.pick("记录不完整", "Record incomplete"),
        FindingKind::FeeStandardNotShown => lang.pick("未出示收费标准", "Fee standard not shown"),
        FindingKind::ReportWithoutSignature => {
            lang.pick("报告单无顾客签字", "Report without signature")
        }
        FindingKind::Late => lang.pick("超时", "Late"),
        FindingKind::Other => lang.pick("其他", "Other"),
    }
}

pub fn sample_size_text(lang: Lang, size: SampleSize) -> String {
    match size {
        SampleSize::Count(n) => match lang {
            Lang::Zh => format!("{n} 单"),
            Lang::En => format!("{n} tickets"),
        },
        SampleSize::Share(w) => w.to_string(),
    }
}

/// Points as shown: whole when whole, else to two places ("3.2").
pub fn points_text(points: Exact) -> String {
    let shown = points.shown().0;
    match shown % 100 {
        0 => (shown / 100).to_string(),
        cents if cents % 10 == 0 => format!("{}.{}", shown / 100, cents / 10),
        cents => format!("{}.{cents:02}", shown / 100),
    }
}

/// What a period report's figures were computed from: "数据截至 …：N 张工单，M 条记录".
pub fn report_basis(lang: Lang, when: &str, tickets: u32, events: u64) -> String {
    match lang {
        Lang::Zh => format!("数据截至 {when}：{tickets} 张工单，{events} 条记录"),
        Lang::En => format!("Data as of {when}: {tickets} tickets, {events} events"),
    }
}

/// The corrective actions in a period report, in one line.
pub fn action_summary(lang: Lang, open: usize, overdue: usize, closed: u32) -> String {
    match lang {
        Lang::Zh => format!("未完成 {open} 项（其中逾期 {overdue} 项）；本期完成 {closed} 项"),
        Lang::En => format!("{open} open ({overdue} overdue); {closed} closed in the period"),
    }
}

/// A checklist's size: "15 条" / "15 clauses".
pub fn clause_count(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("{count} 条"),
        Lang::En => format!("{count} clauses"),
    }
}

/// How many clauses scored differently between two self-assessments.
pub fn changed_clauses(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("{count} 条得分不同"),
        Lang::En => format!("{count} clauses scored differently"),
    }
}
