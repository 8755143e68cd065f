//! Words for the ticket domain: names of states, steps, kinds, channels, priorities, SLA measures and ticket
//! commands, the sentences for refusals and certificate warnings, and durations ("2 小时 15 分").
//!
//! Must not: decide anything — it only words what `domain::ticket*` and `domain::sla` decided.

use super::Lang;
use crate::domain::calendar::MINUTE_MS;
use crate::domain::org::CertificateWarning;
use crate::domain::sla::Measure;
use crate::domain::ticket::actions::Command;
use crate::domain::ticket::state::{State, Step};
use crate::domain::ticket::{Channel, Kind, Priority, QuoteLineKind, TicketRefusal, Told};

pub fn state_name(lang: Lang, state: State) -> &'static str {
    match state {
        State::Registered => lang.pick("已登记", "Registered"),
        State::Triaged => lang.pick("已受理", "Triaged"),
        State::Assigned => lang.pick("已派工", "Assigned"),
        State::InProgress => lang.pick("处理中", "In progress"),
        State::Resolved => lang.pick("已解决", "Resolved"),
        State::Confirmed => lang.pick("已确认", "Confirmed"),
        State::Closed => lang.pick("已关闭", "Closed"),
        State::OnHold => lang.pick("挂起", "On hold"),
        State::Voided => lang.pick("作废", "Voided"),
    }
}

pub fn step_name(lang: Lang, step: Step) -> &'static str {
    match step {
        Step::Triage => lang.pick("受理", "triage"),
        Step::Reject => lang.pick("核实不成立", "reject"),
        Step::Assign => lang.pick("派工", "assign"),
        Step::Reassign => lang.pick("转派", "reassign"),
        Step::Work => lang.pick("开始处理", "start work"),
        Step::Resolve => lang.pick("解决", "resolve"),
        Step::Confirm => lang.pick("客户确认", "confirm"),
        Step::Close => lang.pick("关闭", "close"),
        Step::Hold => lang.pick("挂起", "hold"),
        Step::Resume => lang.pick("恢复", "resume"),
        Step::Reopen => lang.pick("重开", "reopen"),
        Step::Void => lang.pick("作废", "void"),
    }
}

pub fn kind_name(lang: Lang, kind: Kind) -> &'static str {
    match kind {
        Kind::Installation => lang.pick("安装调试", "Installation"),
        Kind::Repair => lang.pick("维修", "Repair"),
        Kind::Replacement => lang.pick("更换", "Replacement"),
        Kind::Return => lang.pick("退货", "Return"),
        Kind::Consultation => lang.pick("咨询/技术支持", "Consultation"),
        Kind::Complaint => lang.pick("投诉", "Complaint"),
        Kind::Training => lang.pick("客户培训", "Customer training"),
        Kind::FollowUp => lang.pick("回访/走访", "Follow-up visit"),
    }
}

pub fn channel_name(lang: Lang, channel: Channel) -> &'static str {
    match channel {
        Channel::Phone => lang.pick("电话/热线", "Phone / hotline"),
        Channel::Email => lang.pick("电子邮件", "Email"),
        Channel::OnlineForm => lang.pick("网上表单", "Online form"),
        Channel::WeChat => lang.pick("微信", "WeChat"),
        Channel::ECommerce => lang.pick("电商平台", "E-commerce platform"),
        Channel::WalkIn => lang.pick("上门/到店", "Walk-in"),
        Channel::SalesReferral => lang.pick("销售转来", "Referred by sales"),
    }
}

pub fn priority_name(lang: Lang, priority: Priority) -> &'static str {
    match priority {
        Priority::Low => lang.pick("低", "Low"),
        Priority::Normal => lang.pick("普通", "Normal"),
        Priority::High => lang.pick("高", "High"),
        Priority::Urgent => lang.pick("紧急", "Urgent"),
    }
}

pub fn line_kind_name(lang: Lang, kind: QuoteLineKind) -> &'static str {
    match kind {
        QuoteLineKind::Part => lang.pick("备件", "Part"),
        QuoteLineKind::Labour => lang.pick("工时费", "Labour"),
        QuoteLineKind::Travel => lang.pick("交通费", "Travel"),
    }
}

pub fn measure_name(lang: Lang, measure: Measure) -> &'static str {
    match measure {
        Measure::FirstResponse => lang.pick("首次响应", "First response"),
        Measure::ComplaintVerification => lang.pick("投诉核实", "Complaint verified"),
        Measure::OnSite => lang.pick("按约上门", "On site as requested"),
        Measure::Resolution => lang.pick("解决时限", "Resolution"),
        Measure::Promised => lang.pick("承诺客户的解决日期", "Date promised to the customer"),
    }
}

pub fn command_name(lang: Lang, command: Command) -> &'static str {
    match command {
        Command::Respond => lang.pick("已回复客户", "Customer answered"),
        Command::Triage => lang.pick("受理", "Triage"),
        Command::Reject => lang.pick("投诉不成立", "Reject complaint"),
        Command::Assign => lang.pick("派工", "Assign"),
        Command::Reassign => lang.pick("转派", "Reassign"),
        Command::ScheduleVisit => lang.pick("预约上门", "Schedule visit"),
        Command::Arrive => lang.pick("已到达现场", "Arrived on site"),
        Command::IssueQuote => lang.pick("出具报价", "Issue quote"),
        Command::AcceptQuote => lang.pick("客户接受报价", "Quote accepted"),
        Command::DeclineQuote => lang.pick("客户拒绝报价", "Quote declined"),
        Command::Report => lang.pick("填写服务报告", "Service report"),
        Command::Resolve => lang.pick("解决并出报告", "Resolve with report"),
        Command::Confirm => lang.pick("客户确认", "Customer confirmed"),
        Command::Close => lang.pick("关闭工单", "Close"),
        Command::Hold => lang.pick("挂起", "Put on hold"),
        Command::Resume => lang.pick("恢复", "Resume"),
        Command::Reopen => lang.pick("重开", "Reopen"),
        Command::PlanFollowUp => lang.pick("安排回访", "Plan follow-up"),
        Command::RecordFollowUp => lang.pick("记录回访", "Record follow-up"),
        Command::Promise => lang.pick("承诺解决日期", "Promise a date"),
        Command::Inform => lang.pick("告知客户处理结果", "Tell the customer the result"),
        Command::Void => lang.pick("作废", "Void"),
        Command::Note => lang.pick("添加备注", "Add note"),
    }
}

pub fn told_name(lang: Lang, told: Told) -> &'static str {
    match told {
        Told::Phone => lang.pick("电话", "Phone"),
        Told::Visit => lang.pick("上门面告", "In person"),
        Told::Message => lang.pick("短信或微信", "Text or WeChat"),
        Told::Letter => lang.pick("书面函件", "Letter"),
    }
}

/// Why an event may not be recorded, or why a merged one was not applied.
pub fn refusal(lang: Lang, refusal: &TicketRefusal) -> String {
    match refusal {
        TicketRefusal::Illegal(illegal) => match lang {
            Lang::Zh => format!(
                "工单处于「{}」状态，不能「{}」",
                state_name(lang, illegal.state),
                step_name(lang, illegal.step)
            ),
            Lang::En => format!(
                "A ticket that is {} cannot {}",
                state_name(lang, illegal.state).to_lowercase(),
                step_name(lang, illegal.step)
            ),
        },
        TicketRefusal::NotAComplaint => lang
            .pick(
                "只有投诉才能核实为不成立",
                "Only a complaint can be rejected",
            )
            .into(),
        TicketRefusal::QuoteNotAccepted => lang
            .pick(
                "已过保修期：客户接受报价后才能开始维修",
                "Out of warranty: work starts only after the customer accepts a quote",
            )
            .into(),
        TicketRefusal::NoQuote => lang
            .pick("没有待客户答复的报价", "There is no open quote")
            .into(),
        TicketRefusal::BadQuote => lang
            .pick(
                "报价至少一行，金额不能为负",
                "A quote needs at least one line and no negative amount",
            )
            .into(),
        TicketRefusal::Registration => lang
            .pick("工单已登记过", "The ticket is already registered")
            .into(),
        TicketRefusal::TextRequired => lang
            .pick("请填写说明", "Please write the reason or text")
            .into(),
        TicketRefusal::NotInProgress => lang
            .pick(
                "服务报告属于一次上门：工单须在处理中",
                "A service report belongs to a visit: the ticket must be in progress",
            )
            .into(),
        TicketRefusal::BadReport => lang
            .pick(
                "报告中的金额不能为负",
                "A report's amounts cannot be negative",
            )
            .into(),
        TicketRefusal::NoFollowUp => lang
            .pick(
                "没有待记录的回访",
                "There is no planned follow-up to record",
            )
            .into(),
        TicketRefusal::Voided => lang
            .pick(
                "工单已作废，只能添加备注",
                "The ticket is voided: notes only",
            )
            .into(),
        TicketRefusal::NotWhile(state) => match lang {
            Lang::Zh => format!(
                "工单处于「{}」状态，现在不能这样做",
                state_name(lang, *state)
            ),
            Lang::En => format!(
                "Not while the ticket is {}",
                state_name(lang, *state).to_lowercase()
            ),
        },
        TicketRefusal::AlreadySurveyed => lang
            .pick(
                "该工单已有满意度评价，每张工单只收一份",
                "This ticket already has its survey response: one per ticket",
            )
            .into(),
        TicketRefusal::BadSurvey => lang
            .pick("评分须为 1–5 星", "Ratings are 1 to 5 stars")
            .into(),
        TicketRefusal::Anonymised => lang
            .pick(
                "该工单的客户信息已按保留期匿名化，只能添加备注",
                "This ticket's customer data was anonymised after the retention period: it takes notes only",
            )
            .into(),
        TicketRefusal::ResultNotTold => super::Key::ResultUntold.text(lang).into(),
    }
}

pub fn certificate_warning(lang: Lang, name: &str, warning: &CertificateWarning) -> String {
    match (warning, lang) {
        (CertificateWarning::Missing { category }, Lang::Zh) => {
            format!("{name} 没有「{category}」类产品的上岗证，仍要派工吗？")
        }
        (CertificateWarning::Missing { category }, Lang::En) => {
            format!("{name} holds no certificate for {category}. Assign anyway?")
        }
        (CertificateWarning::Expired { category, on }, Lang::Zh) => {
            format!("{name} 的「{category}」上岗证已于 {on} 过期，仍要派工吗？")
        }
        (CertificateWarning::Expired { category, on }, Lang::En) => {
            format!("{name}'s certificate for {category} expired on {on}. Assign anyway?")
        }
    }
}

/// A length of time in whole minutes, days and hours as they matter: "1 天 3 小时", "2 小时 5 分", "12 分".
pub fn duration(lang: Lang, ms: i64) -> String {
    let minutes = ms.abs() / MINUTE_MS;
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let parts: Vec<String> = match lang {
        Lang::Zh => [(days, "天"), (hours, "小时"), (mins, "分")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, unit)| format!("{n} {unit}"))
            .collect(),
        Lang::En => [(days, "d"), (hours, "h"), (mins, "min")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, unit)| format!("{n} {unit}"))
            .collect(),
    };
    let shown: Vec<String> = parts.into_iter().take(2).collect();
    match shown.is_empty() {
        true => lang.pick("不到 1 分", "under 1 min").into(),
        false => shown.join(" "),
    }
}

/// After the retention rule anonymised tickets on this device.
pub fn anonymised_toast(lang: Lang, tickets: usize, reviews: usize) -> String {
    let what = anonymised_what(lang, tickets, reviews);
    match lang {
        Lang::Zh => format!("保留期满：已匿名化 {what}的客户个人信息"),
        Lang::En => {
            format!("Retention period over: the customer's personal data of {what} anonymised")
        }
    }
}

pub fn would_anonymise_text(lang: Lang, tickets: usize, reviews: usize) -> String {
    match (lang, tickets + reviews) {
        (Lang::Zh, 0) => "按此保留期，现在没有需要匿名化的工单。".into(),
        (Lang::En, 0) => "With this period, no ticket is due to be anonymised now.".into(),
        (Lang::Zh, _) => format!(
            "按此保留期，保存后将匿名化 {}的客户个人信息。",
            anonymised_what(lang, tickets, reviews)
        ),
        (Lang::En, _) => format!(
            "With this period, saving anonymises the customer's personal data of {}.",
            anonymised_what(lang, tickets, reviews)
        ),
    }
}

/// "3 张工单" / "3 张工单和 1 条平台评价": what the retention rule anonymises.
fn anonymised_what(lang: Lang, tickets: usize, reviews: usize) -> String {
    match (lang, reviews) {
        (Lang::Zh, 0) => format!("{tickets} 张工单"),
        (Lang::Zh, _) => format!("{tickets} 张工单和 {reviews} 条平台评价"),
        (Lang::En, 0) => format!("{tickets} tickets"),
        (Lang::En, _) => format!("{tickets} tickets and {reviews} platform reviews"),
    }
}

/// Asked before a retention period that anonymises tickets at once is saved.
pub fn anonymise_confirm(lang: Lang, tickets: usize, reviews: usize) -> String {
    let what = anonymised_what(lang, tickets, reviews);
    match lang {
        Lang::Zh => format!(
            "保存后将立即匿名化 {what}的客户姓名、电话、地址和报告签名，并在其他设备导入本机数据后同样删除。此操作无法撤销。继续吗？"
        ),
        Lang::En => format!(
            "Saving anonymises the customer's name, phone, address and report signatures of {what} now, and on other devices once they import this device's data. This cannot be undone. Go on?"
        ),
    }
}

/// A customer's name as lists show it: their name, or that it was anonymised.
pub fn customer_name(lang: Lang, customer: &crate::domain::ticket::Customer) -> String {
    match customer.is_anonymous() {
        true => lang.pick("（已匿名）", "(anonymised)").into(),
        false => customer.name.clone(),
    }
}

/// A customer's address as shown: it, or that it was anonymised.
pub fn customer_address(lang: Lang, customer: &crate::domain::ticket::Customer) -> String {
    match customer.is_anonymous() {
        true => lang.pick("（已匿名）", "(anonymised)").into(),
        false => customer.address.clone(),
    }
}

/// How many tickets a known customer had before (intake).
pub fn earlier_tickets(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Zh, _) => format!("以往 {count} 张工单"),
        (Lang::En, 1) => "1 earlier ticket".to_string(),
        (Lang::En, _) => format!("{count} earlier tickets"),
    }
}

/// How many tickets a list shows.
pub fn ticket_count(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Zh, _) => format!("共 {count} 张工单"),
        (Lang::En, 1) => "1 ticket".to_string(),
        (Lang::En, _) => format!("{count} tickets"),
    }
}

/// A dispatch candidate as the engineer list shows them: "E001 陈工 · 本区域 · 持证 · 在办 3".
pub fn candidate_label(
    lang: Lang,
    name: &str,
    candidate: &crate::domain::ticket::dispatch::Candidate,
) -> String {
    let mut parts = vec![name.to_string()];
    if candidate.supervisor {
        parts.push(lang.pick("主管", "supervisor").into());
    }
    if candidate.in_unit {
        parts.push(lang.pick("本区域", "this region").into());
    }
    parts.push(match candidate.certified {
        true => lang.pick("持证", "certified").into(),
        false => lang.pick("无有效上岗证", "no valid certificate").into(),
    });
    parts.push(match lang {
        Lang::Zh => format!("在办 {}", candidate.open_load),
        Lang::En => format!("{} open", candidate.open_load),
    });
    parts.join(" · ")
}
