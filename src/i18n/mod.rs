//! The message catalogue: every text the UI shows, in 简体中文 (the default) and English.
//!
//! Owns: `Lang`, the `Key` texts with both languages side by side (the `catalogue!` macro makes a missing translation a
//! compile error), the names of domain enums, and the sentences for domain `Problem`s and store errors. Must not:
//! decide anything — it only words what the domain decided.

use crate::domain::access::Role;
use crate::domain::error::Problem;
use crate::domain::org::{Employment, Position, UnitKind};
use crate::store::StoreError;

pub mod assessment;
pub mod kpi;
pub mod providers;
pub mod quality;
pub mod surveys;
pub mod sync;
pub mod tickets;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's own name, as a language chooser shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Zh => "简体中文",
            Lang::En => "English",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A fixed text of the UI, in both languages. Each text is a constant of its own (not an arm of one `match`), so a
/// page's WebAssembly keeps only the texts its own screens use (issue 19: one `match` over every text put the whole
/// catalogue in each of the three pages).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    zh: &'static str,
    en: &'static str,
}

impl Key {
    pub fn text(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

macro_rules! catalogue {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        #[allow(non_upper_case_globals)]
        impl Key {
            $(pub const $key: Key = Key { zh: $zh, en: $en };)*
        }
    };
}

catalogue! {
    AppTitle => "售后服务与考核", "After-sales & Assessment";
    LanguageSwitch => "English", "中文";
    Loading => "正在打开本机数据…", "Opening the data on this device…";
    ReadingHistory => "正在读取工单历史…", "Reading the tickets' history…";
    ReadingHistoryNote => "此页面需要全部工单记录，读取完成后自动显示。不需要工单的页面（如组织、考核方案）现在即可使用。",
        "This screen needs every ticket's history and opens by itself once it is read. Screens that do not need \
         the tickets (the organisation, assessment schemes) can be used now.";
    NavOrg => "组织与人员", "Organisation";
    NavProviders => "服务商", "Providers";
    NavUsers => "用户与权限", "Users";
    NavSettings => "设置", "Settings";
    NavData => "数据", "Data";
    ExportBackup => "导出备份", "Export a backup";
    // Moving data between devices by files (R9.2–R9.4).
    DataTitle => "数据交换", "Data exchange";
    DataIntro => "平板与办公室之间用文件交换数据：在一台设备上导出，在另一台设备上导入。导入会合并两边的数据，不会丢失任何一边的内容。", "Tablets and the office exchange data as files: export on one device, import on another. An import merges both sides; nothing on either side is lost.";
    ExportTitle => "导出", "Export";
    ExportIntro => "导出文件包含客户的姓名、电话和地址（屏幕上会遮蔽电话，文件里不遮蔽，以便完整合并），以及用户的 PIN 校验值。文件离开本机时请设置口令加密，并把口令另行告知接收人。", "An export holds customers' names, phone numbers and addresses (masked on screen, not in the file, so that it merges completely) and the users' PIN hashes. When the file leaves this device, encrypt it with a passphrase and tell the receiver the passphrase separately.";
    DeviceName => "本设备名称", "This device's name";
    ExportSelection => "导出范围", "What to export";
    SelectionAll => "全部数据", "Everything";
    SelectionPeriod => "某段时间受理的工单", "Tickets received in a period";
    SelectionUnit => "某个单位（含下级单位）", "A unit and the units below it";
    SelectionSurveys => "满意度调查（含相关工单）", "Surveys (with their tickets)";
    Passphrase => "口令（可选）", "Passphrase (optional)";
    PassphraseHint => "至少 8 个字符；留空则不加密", "At least 8 characters; leave empty not to encrypt";
    PassphraseRepeat => "再次输入口令", "Passphrase again";
    ExportFirstDay => "开始日期", "First day";
    ExportLastDay => "结束日期", "Last day";
    ExportFile => "导出文件", "Export a file";
    SalvageIntro => "为免丢失，请先把本机仍能读出的数据保存为导出文件（可在其他设备导入，或清除本机浏览器数据后在此导入）。在此之前不要清除浏览器数据。", "So that nothing is lost, first save what can still be read on this device as an export file (import it on another device, or here once this browser's data is cleared). Do not clear the browser's data before.";
    SalvageData => "保存能读出的数据", "Save what can be read";
    NewerDataReload => "这些数据由较新版本写入。请重新加载页面以使用新版本；数据没有改动。", "This data was written by a newer version. Reload the page to use it; the data was not changed.";
    Reload => "重新加载", "Reload";
    ShareExport => "分享文件…", "Share the file…";
    ShareFailed => "无法分享（文件已下载，可从“下载”中找到）", "Could not share (the file was downloaded; find it in Downloads)";
    ImportTitle => "导入", "Import";
    ImportIntro => "选择另一台设备导出的文件。导入前先预览：每类记录中新增、更新、未变和冲突的数量，以及无法自动处理的冲突。确认后一次写入；导入前的数据会保留，可撤销上次导入。", "Choose a file another device exported. A preview comes first: per kind, how many records are new, updated, unchanged or in conflict, and the conflicts that could not be settled on their own. Confirmed, it is written in one step; the data as it was is kept, so the last import can be undone.";
    ChooseOrDropFile => "点此选择导出文件，或把文件拖到这里", "Tap to choose an export file, or drop it here";
    ChooseAFile => "请先选择一个导出文件。", "Choose an export file first.";
    ImportPassphrase => "口令（仅加密的文件需要）", "Passphrase (only for an encrypted file)";
    ReadingFile => "正在读取并核对…", "Reading and checking…";
    PreviewImport => "预览导入", "Preview the import";
    WritingImport => "正在写入…", "Writing…";
    ImportPreview => "导入预览", "Import preview";
    NothingToImport => "没有可导入的新内容：文件中能导入的记录本机都已经有了，其余记录未导入（原因见下）。", "Nothing to import: this device already holds every record of the file that can be imported; the others were not imported (see why below).";
    NothingNew => "没有新内容：本机已经有这个文件中的全部数据，导入不会改变任何东西。", "Nothing new: this device already holds everything in this file; importing it would change nothing.";
    RecordKind => "记录类型", "Kind";
    CountNew => "新增", "New";
    CountUpdated => "更新", "Updated";
    CountUnchanged => "未变", "Unchanged";
    CountConflicting => "冲突", "Conflicting";
    ImportConflicts => "冲突（已按时间较新的保留，另一方的值另行列出）", "Conflicts (the later value kept, the other listed)";
    ImportRefused => "未导入的记录", "Records not imported";
    ConflictsIntro => "两台设备离线时改了同一条记录的同一项，合并后保留时间较新的值，另一值列在这里；两名工程师离线时对同一工单做了互相矛盾的操作，后到的记录保留在时间线中但不生效。请逐条确认：保留此值，或改用另一值。您的选择会随下次导出同步到其他设备。", "Where two devices changed the same field of a record offline, the merge keeps the later value and lists the other here; where two engineers did contradicting things to one ticket offline, the later entry stays in the timeline, not applied. Settle each: keep the value, or use the other. Your choice reaches the other devices with the next export.";
    ConflictsLink => "查看冲突", "Review the conflicts";
    NoConflicts => "没有待处理的冲突。", "No conflicts to settle.";
    ReadingConflicts => "正在查找冲突…", "Looking for conflicts…";
    RecordConflicts => "记录的冲突", "Records";
    TicketConflicts => "未结工单的冲突", "Open tickets";
    KeptValue => "保留的值", "Kept";
    OtherValue => "另一值", "Other";
    KeepThisValue => "保留此值", "Keep this value";
    UseOtherValue => "改用另一值", "Use the other value";
    ConflictSettled => "冲突已处理", "Conflict settled";
    OpenRecord => "打开记录", "Open the record";
    ApplyImport => "确认导入", "Import";
    ImportAudit => "本机导入记录", "Imports on this device";
    NoImportsYet => "本机还没有导入过文件。", "No file has been imported on this device yet.";
    UndoImport => "撤销上次导入", "Undo the last import";
    UndoImportConfirm => "撤销上次导入，使本机数据恢复到导入之前？", "Undo the last import and restore the data as it was before it?";
    ImportUndone => "已撤销上次导入", "The last import was undone";
    MainNav => "主导航", "Main navigation";
    SwitchUser => "切换用户", "Switch user";
    WhoIsUsing => "谁在使用这台平板？", "Who is using this tablet?";
    EnterPin => "请输入 PIN", "Enter the PIN";
    SignIn => "进入", "Sign in";
    Cancel => "取消", "Cancel";
    Save => "保存", "Save";
    Saving => "正在保存…", "Saving…";
    Delete => "删除", "Delete";
    Edit => "编辑", "Edit";
    Close => "关闭", "Close";
    Saved => "已保存", "Saved";
    Deleted => "已删除", "Deleted";
    ConfirmDelete => "确定删除吗？此操作会同步到其他设备。", "Delete this? The deletion syncs to other devices.";
    WelcomeTitle => "欢迎使用售后服务与考核系统", "Welcome to After-sales & Assessment";
    WelcomeIntro => "首先创建管理员账号。所有数据只保存在本设备的浏览器中，可导出后在其他设备合并。",
        "First create the administrator. All data stays in this device's browser; export it to merge on other devices.";
    StartFromFileTitle => "从导出文件开始", "Start from an export file";
    StartFromFileIntro => "新平板加入时，用办公室（或另一台设备）导出的文件开始：组织、人员、用户和工单一次导入，之后各人用自己的账号和 PIN 进入。", "When a new tablet joins, start it from a file the office (or another device) exported: the org, the people, the users and the tickets in one import; then everyone signs in with their own account and PIN.";
    StartFromFile => "选择导出文件…", "Choose an export file…";
    CreateAdminInstead => "← 不用文件，创建管理员", "← No file: create an administrator";
    FirstStartImporter => "（首次启动）", "(first start)";
    DefaultAdminName => "管理员", "Administrator";
    CreateAdmin => "创建管理员并进入", "Create the administrator and sign in";
    Units => "组织单元", "Org units";
    AddUnit => "新增单元", "Add a unit";
    EditUnit => "编辑单元", "Edit unit";
    UnitName => "名称", "Name";
    UnitKindLabel => "类型", "Kind";
    ParentUnit => "上级单元", "Parent unit";
    TopLevel => "（顶级）", "(top level)";
    NoUnitsYet => "还没有组织单元。先新增公司，再在其下新增部门、班组或区域。",
        "No org units yet. Add the company first, then departments, teams or regions under it.";
    Staff => "人员", "Staff";
    AddStaff => "新增人员", "Add a person";
    EditStaff => "编辑人员", "Edit person";
    StaffNumber => "工号", "Staff no.";
    StaffName => "姓名", "Name";
    PositionLabel => "岗位", "Position";
    Affiliation => "所属单元或服务商", "Unit or provider";
    ChooseOne => "请选择", "Choose one";
    Superior => "直接上级", "Direct superior";
    NoSuperior => "（无）", "(none)";
    EmploymentLabel => "用工状态", "Employment";
    Phone => "电话", "Phone";
    AllStaff => "全部人员", "All staff";
    NoStaffHere => "这里还没有人员。", "Nobody here yet.";
    ProbationNote => "试用期人员不参加常规考核", "Probation staff are not in the regular assessment";
    Providers => "服务商", "Service providers";
    AddProvider => "新增服务商", "Add a provider";
    EditProvider => "编辑服务商", "Edit provider";
    ProviderName => "服务商名称", "Provider name";
    Contact => "联系人", "Contact person";
    Region => "服务区域", "Region served";
    Engineers => "工程师", "Engineers";
    NoProvidersYet => "还没有服务商。", "No providers yet.";
    Users => "用户", "Users";
    AddUser => "新增用户", "Add a user";
    EditUser => "编辑用户", "Edit user";
    UserName => "显示名称", "Display name";
    RoleLabel => "角色", "Role";
    LinkedStaff => "对应人员", "Staff member";
    PinLabel => "PIN（4–8 位数字，可不设）", "PIN (4–8 digits, optional)";
    PinKeepHint => "留空则保留原 PIN", "Leave empty to keep the current PIN";
    PinConfirm => "再次输入 PIN", "PIN again";
    CurrentPin => "当前 PIN", "Current PIN";
    NewPin => "新 PIN（4–8 位数字）", "New PIN (4–8 digits)";
    SaveOwnPin => "保存我的 PIN", "Save my PIN";
    OwnPinSaved => "PIN 已保存", "PIN saved";
    SetOwnPin => "设置我的 PIN", "Set my PIN";
    ChangeOwnPin => "修改我的 PIN", "Change my PIN";
    OwnPinIntro => "PIN 保护您在共用平板上的账号：切换到您时要输入，平板评价结束后凭它退出。", "Your PIN protects your account on a shared tablet: it is asked when someone switches to you, and it ends the kiosk survey.";
    KioskPinIntro => "开始平板评价前请先设置您的 PIN：客户填完后，凭它退出评价模式。保存后评价模式立即开始。", "Set your PIN before the kiosk survey: once the customer is done, it takes the tablet out of kiosk mode. The survey starts as soon as it is saved.";
    SignedInAs => "当前用户", "Signed in";
    BadReviewFollowUp => "差评回访", "Bad review: call back";
    Workbench => "工作台", "My work";
    UnassignedQueue => "待派工", "Waiting for dispatch";
    SlaAtRisk => "时限风险", "Service levels at risk";
    BadReviewFollowUps => "差评待回访", "Bad reviews to call back";
    NothingUnassigned => "没有待派工的工单。", "Every ticket has an engineer.";
    NothingAtRisk => "没有超时或 4 小时内到期的工单。", "No ticket is overdue or due within 4 hours.";
    NoBadReviewsWaiting => "没有待回访的差评。", "No bad review waits for a call back.";
    ToVisit => "待上门", "To visit";
    OverdueMine => "已超时", "Overdue";
    AwaitingSurvey => "待客户评价", "Waiting for the survey";
    MyOpenTickets => "我的在办工单", "My open tickets";
    NothingMine => "您没有在办的工单。", "You have no open tickets.";
    NothingAwaitingSurvey => "没有等待评价的工单。", "No ticket waits for its survey.";
    ShowAll => "查看全部", "Show all";
    ClearFilters => "清除筛选", "Clear the filters";
    CommandNoLongerPossible => "这张工单刚在别处被更改，该操作已不可用；填写的内容未保存。", "This ticket was just changed elsewhere and the action is no longer possible; what was filled in was not saved.";
    AllMyTickets => "我的全部工单", "All my tickets";
    AllOpenTickets => "全部未关闭工单", "All open tickets";
    AllResponses => "全部评价", "All responses";
    VisitBooked => "预约上门时间", "Visit booked for";
    MinSampleLabel => "最少样本数", "Smallest sample judged";
    MinSampleHint => "少于这么多件的比率标注“样本少”，排名中不标好坏（默认 10）", "A rate over fewer items is marked “small sample” and not coloured good or bad in a ranking (default 10)";
    SmallSample => "样本少", "small sample";
    WorkingDaysMeaning => "“N 个工作日”：从受理次日起数第 N 个工作日，到当天下班为止；周末、法定节假日不计，调休上班日计入（按营业日历）。", "“N working days”: until the close of business on the Nth working day after the day of receipt; weekends and public holidays do not count, make-up working days do (by the business calendar).";
    Unassigned => "未派工", "Not dispatched";
    SearchUsers => "搜索姓名", "Search by name";
    RecentUsers => "最近使用", "Recently on this tablet";
    UserMatches => "搜索结果", "Matches";
    NoUserMatches => "没有这个姓名的用户", "No user of that name";
    DemoPin => "演示 PIN 1234", "demo PIN 1234";
    ClearPin => "取消此用户的 PIN", "Remove this user's PIN";
    HasPin => "已设 PIN", "PIN set";
    NoPin => "未设 PIN", "No PIN";
    Settings => "设置", "Settings";
    LanguageLabel => "界面语言", "Language";
    StorageLabel => "数据存储", "Storage";
    StorageIdb => "IndexedDB（本设备浏览器）", "IndexedDB (this device's browser)";
    StorageLocal => "localStorage（容量约 5 MB）", "localStorage (about 5 MB)";
    StorageMemory => "仅内存（关闭页面即丢失）", "Memory only (lost when the page closes)";
    PersistLabel => "持久存储", "Persistent storage";
    PersistGranted => "已获准：浏览器不会在空间紧张时自动清除数据", "Granted: the browser will not evict the data when space runs low";
    PersistDenied => "未获准：空间紧张时浏览器可能清除数据，请定期导出备份", "Not granted: the browser may evict the data when space runs low — export backups regularly";
    PersistUnknown => "此浏览器无法查询", "This browser cannot tell";
    DeviceLabel => "本设备编号", "This device's id";
    RecordsLabel => "记录数（含已删除标记）", "Records (deletion marks included)";
    PrivacyNote => "说明：数据只在本设备浏览器中，未加密；能使用此浏览器开发者工具的人都能读取。PIN 只防误用，不防有意窥探。",
        "Note: the data stays in this browser, unencrypted; anyone with this browser's developer tools can read it. PINs keep honest people out, not determined ones.";
    LocalStorageWarning => "IndexedDB 不可用，数据暂存于 localStorage：容量只有约 5 MB，可能很快用尽。请尽快导出备份。",
        "IndexedDB is unavailable, so data is kept in localStorage: only about 5 MB, which may soon run out. Export a backup soon.";
    NotFound => "没有这个页面。", "There is no such page.";
    BackToStart => "回到首页", "Back to the start";
    NoAccess => "当前角色无权打开此页面。请切换为有权限的用户。", "Your role may not open this page. Switch to a user who may.";
    Actions => "操作", "Actions";
    PriceList => "备品备件价格表与收费标准", "Price list and fee standard";
    RequiredField => "必填", "Required";
    ServiceHistory => "该客户的其他工单", "This customer's other tickets";
    ServiceLevelSettings => "服务时限与工作日历", "Service levels and business calendar";
    BusinessHours => "工作时间", "Business hours";
    AllDayService => "7×24 小时服务（周末节假日照常计时）", "24×7 service (weekends and holidays count)";
    Opens => "上班", "Opens";
    Closes => "下班", "Closes";
    Monday => "周一", "Mon";
    Tuesday => "周二", "Tue";
    Wednesday => "周三", "Wed";
    Thursday => "周四", "Thu";
    Friday => "周五", "Fri";
    Saturday => "周六", "Sat";
    Sunday => "周日", "Sun";
    Holidays => "法定节假日（放假）", "Public holidays (days off)";
    HolidayName => "节日名称", "Holiday name";
    Add => "添加", "Add";
    MakeUpDays => "调休上班日", "Make-up working days";
    SlaPolicy => "服务时限（SLA）", "Service-level policy";
    FirstResponseTarget => "首次响应时限", "First response within";
    VerificationTarget => "投诉核实时限", "Complaint verified within";
    OnSiteByRequestedTime => "按客户要求的时间上门", "On site by the customer's requested time";
    ResolutionTarget => "解决时限", "Resolution";
    DefaultResolutionTarget => "其他类型的解决时限", "Resolution, other kinds";
    WarrantyMonths => "保修期（月）", "Warranty term (months)";
    PersonalData => "客户个人信息", "Customers' personal data";
    RetentionIntro => "客户的所有工单都关闭满此月数后，其姓名、电话、地址、服务报告上的签名和评价留言在所有设备上匿名化；各项统计数字保持不变。留空或填 0 表示暂不自动匿名化（《个人信息保护法》第十九条要求保存期限为实现处理目的所必要的最短时间）。", "Once every ticket of a customer has been closed this many months, their name, phone, address, the signatures on the service reports and their survey comments are anonymised on every device; every figure stays the same. Empty or 0: not anonymised until a period is set (PIPL Art. 19: keep personal data no longer than its purpose needs).";
    RetentionMonths => "保留期（月）", "Retention period (months)";
    ClockHours => "小时（自然时间）", "hours (clock)";
    WorkingDays => "个工作日", "working days";
    ServiceLevelsLink => "服务时限与工作日历…", "Service levels and calendar…";
    BusinessHoursUnit => "工作小时", "business hours";
    DraftRestored => "已恢复上次未保存的草稿。", "The unsaved draft from last time is back.";
    DiscardDraft => "清空重填", "Start over";
    CustomerPhone => "客户电话", "Customer phone";
    CustomerName => "客户姓名", "Customer name";
    Address => "地址", "Address";
    UseCustomer => "填入此客户", "Use this customer";
    Channel => "来源渠道", "Channel";
    Model => "型号", "Model";
    Serial => "序列号", "Serial no.";
    OrderNumber => "订单号", "Order no.";
    OrderNumberHint => "电商平台或销售订单的编号：平台评价凭它找到工单", "The platform's or sales order's number: a platform review finds its ticket by it";
    PurchaseDate => "购买日期", "Purchase date";
    WarrantyEnd => "保修截止", "Warranty ends";
    WarrantyEndHint => "不填则按购买日期加保修期计算", "Leave empty: purchase date plus the warranty term";
    WarrantyUnknown => "保修：未知（填写购买日期后显示）", "Warranty: unknown until a purchase date is given";
    InWarrantyUntil => "在保修期内，至", "In warranty until";
    OutOfWarrantySince => "已过保修期（需报价），保修止于", "Out of warranty (quote needed); warranty ended";
    Description => "问题描述", "Problem description";
    RequestedVisit => "客户要求上门时间", "Requested visit time";
    ReceivedAt => "登记时间", "Received";
    Product => "产品", "Product";
    Warranty => "保修", "Warranty";
    WarrantyUnknownShort => "未知（按过保处理）", "Unknown (treated as out of warranty)";
    ReopenCount => "重开次数", "Times reopened";
    ServiceLevels => "服务时限", "Service levels";
    Measure => "考核项", "Measure";
    Deadline => "截止", "Deadline";
    Standing => "状态", "Standing";
    LateBy => "超时完成", "Late by";
    ConflictsTitle => "合并冲突", "Merge conflicts";
    ConflictsExplained => "以下记录来自不同设备，合并后在当时的状态下不成立；它们保留在时间线中，未被计入。", "These events came from different devices and did not fit the ticket's state once merged; they stay in the timeline but were not applied.";
    Quote => "报价", "Quote";
    QuoteWaiting => "等待客户答复", "Waiting for the customer";
    QuoteAccepted => "客户已接受报价", "Quote accepted";
    QuoteDeclined => "客户拒绝报价", "Quote declined";
    ServiceReports => "服务报告", "Service reports";
    FollowUps => "回访", "Follow-ups";
    DoneAt => "完成于", "done";
    Planned => "待回访", "planned";
    Timeline => "处理记录", "Timeline";
    EventRegistered => "登记", "Registered";
    EventResponded => "已回复客户", "Customer answered";
    EventTriaged => "受理", "Triaged";
    EventRejected => "投诉核实不成立", "Complaint rejected";
    EventAssigned => "派工", "Assigned";
    EventReassigned => "转派", "Reassigned";
    EventVisitScheduled => "预约上门", "Visit scheduled for";
    EventArrived => "工程师到达现场", "Engineer on site";
    EventQuoteIssued => "出具报价", "Quote issued";
    EventResolved => "解决", "Resolved";
    EventReported => "服务报告", "Service report";
    EventFollowUpPlanned => "安排回访", "Follow-up planned for";
    EventFollowUpDone => "回访完成", "Follow-up done";
    EventConfirmed => "客户确认", "Customer confirmed";
    EventClosed => "关闭", "Closed";
    EventHeld => "挂起", "On hold";
    EventResumed => "恢复处理", "Resumed";
    EventReopened => "重开", "Reopened";
    EventVoided => "作废", "Voided";
    FalseRecordMark => "（虚假记录）", " (false record)";
    EventNoted => "备注", "Note";
    EventPhoneRevealed => "查看了客户完整电话", "Viewed the customer's full phone number";
    PersonTrainings => "培训记录", "Training record";
    NoTrainingYet => "尚无参加培训的记录", "No training attended yet";
    CertificateGained => "获得证书", "Certificate gained";
    ChecklistTitle => "售后服务标准检查表", "Standards checklist";
    ChecklistIntro => "按 GB/T 27922 的结构列出每一条款：编号、要求、指标、分值、证明材料和责任部门，抽查条款按样本中不符合的比例扣分。保存后成为新版本；已做的自评保留当时的版本。", "Each clause in GB/T 27922's structure: number, requirement, indicator, points, evidence documents and the unit responsible; a sampled clause loses points in proportion to the non-conforming share of its sample. Saving makes a new version; a self-assessment already made keeps the version it used.";
    ChecklistName => "检查表名称", "Checklist name";
    ClauseNumber => "条款号", "Clause";
    IndicatorLabel => "指标", "Indicator";
    EvidenceDocuments => "证明材料", "Evidence documents";
    SampledClause => "抽查条款", "Checked on a sample";
    RemoveClause => "删除条款", "Remove clause";
    AddClause => "添加条款", "Add a clause";
    SaveNewVersion => "保存为新版本", "Save as a new version";
    ChecklistUnchanged => "检查表没有改动，未生成新版本", "Nothing changed: no new version";
    ChecklistSaved => "检查表已保存为新版本", "Checklist saved as a new version";
    CompareAssessments => "自评对比", "Self-assessments compared";
    ChooseTwoAssessments => "请从自评列表中选择要对比的两次自评。", "Choose the two self-assessments to compare from the list.";
    CompareWithEarlier => "与上次对比", "Compare with the one before";
    PeriodReports => "期间报告", "Period reports";
    PeriodReportsIntro => "每月、每季、每年向领导报告：各项指标与目标、上期和行业对比，问题最多的类别和产品，超时、差评、投诉分析、服务商扣罚、考核结果和整改措施，加上部门经理的发现与建议。期末之后签发，签发后不再改变。", "The month, quarter or year for leadership: every KPI against its target, the previous period and the industry, the commonest problems and products, breaches, bad reviews, the complaints analysed, providers' fines, assessment results and corrective actions, with the manager's findings and proposals. Issued once the period is over, never changed after.";
    Quarterly => "季报", "Quarterly";
    Yearly => "年报", "Yearly";
    ReportIssuedStatus => "已签发", "Issued";
    ReportDraftStatus => "草稿", "Draft";
    ReportNotStarted => "尚未撰写", "Not written yet";
    PeriodReportTitle => "售后服务期间报告", "After-sales period report";
    ReportDraftLong => "草稿：数字随数据更新，签发后固定", "Draft: the figures follow the data until it is issued";
    ReportChangedSince => "签发后又收到了本期的数据：以下仍是签发时的数字。", "Data of this period arrived after the report was issued: the figures below are those issued.";
    NothingInPeriod => "本期没有", "None in this period";
    NotDoneYet => "尚未完成", "Not done yet";
    ReportKpis => "关键指标", "Key figures";
    ThisPeriod => "本期", "This period";
    KpiStanding => "达标", "Standing";
    PreviousPeriodShort => "上期", "Previous";
    TrendColumn => "趋势（近6期）", "Trend (6 periods)";
    ReportKinds => "工单类别", "Tickets by kind";
    ReportRepairs => "维修最多的产品型号", "Models repaired most";
    ReportRepairsNote => "反馈给产品部门的缺陷信息", "The defect feedback for the product departments";
    ReportBreaches => "服务时限超时", "Service levels missed";
    SlaMeasure => "时限", "Service level";
    FirstListedOnly => "只列出前30条，全部计入合计。", "The first 30 are listed; all are counted.";
    ReportBadReviews => "差评", "Bad reviews";
    ReportFines => "服务商扣罚", "Providers' fines";
    ReportOutcomes => "考核结果", "Assessment results";
    ReportComplaints => "投诉分析", "Complaints analysed";
    ComplaintsReceived => "收到投诉", "Received";
    ComplaintsRejected => "核实不成立", "Found not to hold";
    ComplaintsVerifiedLate => "核实超时", "Verified late";
    ComplaintsPromised => "承诺解决日期", "With a promised date";
    ComplaintsPromiseBroken => "未按承诺解决", "Promise not kept";
    ComplaintsTold => "已告知客户结果", "Customer told the result";
    ComplaintsUntold => "已解决未告知", "Solved, customer not told";
    ByCause => "按原因", "By cause";
    ByProduct => "按产品", "By product";
    ByUnit => "按部门", "By unit";
    ImprovementMeasures => "改进措施", "Improvement measures";
    FindingsAndProposals => "主要发现与改进建议", "Findings and proposals";
    Findings => "主要发现", "Findings";
    Proposals => "改进建议", "Proposals";
    ComplaintLessons => "投诉处理的经验教训", "Lessons from the complaints";
    SignedManager => "部门经理", "Department manager";
    ReportTextManagersOnly => "发现与建议由部门经理填写并签发。", "The department's manager writes the findings and proposals and issues the report.";
    IssueReport => "签发报告", "Issue the report";
    IssueReportHint => "期末之后才能签发；签发后报告连同数字一起固定，之后到达的数据不会改变它。", "A report is issued once its period is over; it then keeps its figures, whatever data arrives later.";
    ConfirmIssueReport => "签发后报告不能再修改。确定签发？", "An issued report cannot be changed. Issue it?";
    ReportSaved => "报告草稿已保存", "Report draft saved";
    ReportIssuedToast => "报告已签发", "Report issued";
    ReportPart => "部分", "Part";
    CertificateExpired => "已过期", "Expired";
    AttendedBy => "参加人员", "Who attended";
    AttendeesHint => "勾选参加人员后按名单计数", "Counted from the list once people are ticked";
    CertificateGiven => "颁发证书的产品类别", "Certificate given for category";
    CertificateGivenHint => "留空则不颁发；颁发后加入每位参加人员的档案", "Empty for none; added to each attendee's record";
    CertificateExpires => "证书有效期至", "Certificate valid until";
    EventPromised => "向客户承诺解决日期", "Solution promised to the customer by";
    EventInformed => "已告知客户处理结果", "Customer told the result";
    PromisedBy => "承诺解决日期", "Promised by";
    ToldHow => "告知方式", "How told";
    CauseFound => "投诉原因", "Cause found";
    CauseOther => "其他原因", "Other cause";
    ResultUntold => "投诉已解决：告知客户处理结果后才能关闭", "Complaint solved: tell the customer the result before closing it";
    RevealPhone => "显示号码", "Show number";
    CallCustomer => "拨打", "Call";
    EventAnonymised => "保留期满，客户的姓名、电话、地址、服务报告上的签名和评价留言已匿名化（其他设备导入本机数据后同样匿名化）", "Retention period over: the customer's name, phone, address and the signatures on the service reports were anonymised (on other devices too, once they import this device's data)";
    EventSurveyLinked => "发出问卷链接", "Survey link handed out";
    EventSurveyed => "满意度评价", "Satisfaction survey";
    BadReviewMark => "（差评）", " (bad review)";
    SurveyTitle => "服务满意度评价", "How did we do?";
    SurveyOverall => "总体评价", "Overall";
    SurveySolved => "问题解决了吗？", "Was the problem solved?";
    Yes => "是", "Yes";
    No => "否", "No";
    SurveySatisfaction => "您对本次服务", "Your verdict";
    SurveyComment => "意见和建议（可不填）", "Anything to tell us? (optional)";
    SurveySubmit => "提交评价", "Submit";
    SurveyAnswerAll => "请回答每一个问题（标红的还没有选）", "Please answer every question (the ones in red are missing)";
    SurveyThanks => "感谢您的评价！", "Thank you for your feedback!";
    KioskStaffExit => "工作人员退出", "Staff: exit";
    KioskUnlock => "解锁", "Unlock";
    SurveyLinkBroken => "此问卷链接不完整，请向工作人员重新索取", "This survey link is incomplete: please ask the staff for a new one";
    ReceiptShowStaff => "请让工作人员扫描下面的二维码，或把回执码读给工作人员：", "Let the staff scan this QR code, or read them the receipt code:";
    ScanReceipt => "扫描回执二维码", "Scan the receipt's QR code";
    ScanReceiptView => "摄像头画面", "Camera view";
    ScanReceiptHint => "把顾客手机上的二维码对准摄像头，读到即自动导入。", "Hold the QR code on the customer's phone up to the camera: it is imported as soon as it is read.";
    ScanReceiptStop => "关闭摄像头", "Close the camera";
    ScanNotAReceipt => "读到的二维码不是回执码，请对准顾客手机上评价完成后显示的二维码。", "That QR code is not a receipt: hold up the one the customer's phone shows after the survey.";
    ScanReceiptNoCamera => "无法打开摄像头（没有摄像头或未获允许），请在下方输入回执码。", "The camera could not be opened (there is none, or it was not allowed): type the receipt code below.";
    ScanReceiptNoReader => "无法启动二维码识别，请在下方输入回执码。", "The QR reader could not start: type the receipt code below.";
    ReceiptCommentInQr => "您写了留言：请让工作人员扫描二维码，留言才会一起带回（读回执码不含留言）。", "You wrote a comment: let the staff scan the QR code so it comes back with your answers (the code read out leaves it behind).";
    ReceiptCode => "回执码", "Receipt code";
    SurveySection => "满意度评价", "Satisfaction survey";
    StartKiosk => "交给客户评价（平板）", "Hand the tablet to the customer";
    DraftNotKept => "本机存储已满，正在填写的内容无法暂存：离开此页会丢失。请先保存工单。", "This device's storage is full, so what you type cannot be kept as a draft: leaving this page loses it. Save the ticket first.";
    TechnicalDetail => "技术细节（供技术支持）", "Technical detail (for support)";
    DataRecovered => "本机数据的索引记录丢失，已根据找到的数据恢复并重新写入索引；请检查最近的数据是否完整。", "This device's data index was lost; the data was found, read and indexed again. Check that the latest work is there.";
    QuarantineSave => "保存隔离的数据", "Save the kept parts";
    QuarantineRestore => "导入文件找回", "Import a file to restore";
    QuarantineRestoredDone => "已找回，不再提示", "Restored: stop telling me";
    QuarantineRestoredNoted => "好的，本机不再提示丢失的部分。", "Noted: this device stops telling of the missing parts.";
    QuarantineSaved => "已保存到文件。隔离的数据仍保留在本机。", "Saved to a file. The kept parts stay on this device too.";
    KioskNoTicket => "本设备处于评价模式，但没有可评价的工单。请工作人员输入 PIN 解锁。", "This device is locked for a survey, but there is no ticket to rate. Staff: unlock with your PIN.";
    KioskNotLocked => "本机存储已满，无法锁定为评价模式（重新载入会回到工作界面），因此未交给客户。请导出备份，并请管理员释放本机存储空间后再试。", "This device's storage is full, so it cannot be locked into the survey (a reload would show the staff screens) and was not handed over. Export a backup and have an administrator free this device's storage, then try again.";
    DeviceMovedOn => "另一个窗口已切换用户或进入了评价模式，本窗口已随之更新，这次操作没有执行。", "Another window switched the user or entered survey mode; this window has caught up and did not do this.";
    KioskWho => "工作人员", "Staff member";
    KioskOtherStaff => "换一位工作人员", "Another staff member";
    KioskNoStaff => "没有可以退出评价模式的工作人员（需要有 PIN）", "No staff member can leave survey mode (a PIN is needed)";
    // A form saved over a field another window or device changed meanwhile (Dataset::changed_underneath).
    UnderneathTitle => "保存前请选择", "Choose before saving";
    UnderneathIntro => "在您编辑期间，另一个窗口或设备也修改了以下内容：", "While you were editing, another window or device changed:";
    UnderneathKeepMine => "用我的修改", "Keep my changes";
    UnderneathKeepTheirs => "保留对方的修改", "Keep theirs";
    UnderneathTheirsNote => "选择“保留对方的修改”时，您对其他内容的修改仍会保存。", "With “Keep theirs”, your changes to everything else are still saved.";
    UnderneathLeftDeleted => "此记录保持删除，您的修改未保存。", "The record stays deleted; your changes were not saved.";
    UnderneathBack => "返回表单", "Back to the form";
    SurveyLinkAction => "生成问卷链接", "Survey link for the customer's phone";
    SurveyLinkHint => "客户用手机扫码或打开链接填写；提交后出示回执码，在「导入回执码」中录入", "The customer scans or opens the link, answers, and shows a receipt code: enter it under \"Import a receipt code\"";
    ImportReceipt => "导入回执码", "Import a receipt code";
    ImportReceiptHint => "粘贴或输入客户手机上显示的回执码（大小写、空格和连字符均可）", "Paste or type the code the customer's phone shows (case, spaces and hyphens do not matter)";
    ReceiptImported => "回执已导入工单", "The receipt was added to its ticket";
    ReceiptImportedNoComment => "已导入。手动输入的回执码不含留言：若顾客写了留言，请再扫描其手机上的二维码补上。", "Imported. A typed receipt code leaves out the comment: if the customer wrote one, scan the QR code on their phone to add it.";
    NoSurveyYet => "尚未评价", "Not surveyed yet";
    BadReview => "差评", "Bad review";
    ReplacedSurvey => "已被替换的评价", "Replaced response";
    NavSurveys => "满意度", "Surveys";
    SurveyResponses => "满意度评价", "Survey responses";
    AnsweredFrom => "评价日期从", "Answered from";
    AnsweredTo => "至", "to";
    AnyEngineer => "全部工程师", "Any engineer";
    Engineer => "工程师", "Engineer";
    BadReviewsOnly => "只看差评", "Bad reviews only";
    NoResponsesMatch => "没有符合条件的评价", "No responses match";
    SurveySettingsTitle => "满意度问卷设置", "Survey settings";
    SurveyQuestions => "问卷题目", "Questions";
    SurveyAspectsHint => "每项按 1–5 星评分，最多 6 项；总体评价始终会问（差评按它判断）", "Each is rated 1–5 stars, at most 6; the overall rating is always asked (bad reviews are judged on it)";
    AspectName => "评分项", "Rated aspect";
    AspectOwn => "自定义…", "Our own…";
    SurveySettingsLink => "满意度问卷", "Survey questions";
    AddAspect => "添加评分项", "Add an aspect";
    RemoveAspect => "删除", "Remove";
    MoveUp => "上移", "Move up";
    AsksSolved => "询问“问题解决了吗？”", "Ask \"was the problem solved?\"";
    AsksSatisfaction => "询问 满意 / 基本满意 / 不满意", "Ask satisfied / fairly satisfied / dissatisfied";
    AsksComment => "允许填写意见和建议", "Allow a comment";
    SecondResponseSetting => "同一工单再次评价时", "A second response to a ticket";
    SecondRefused => "拒收（保留第一份）", "is refused (the first stands)";
    SecondReplaces => "替换第一份（旧的留在记录里）", "replaces the first (kept in the record)";
    TemplateVersion => "问卷版本", "Template version";
    SurveyPreview => "客户看到的问卷", "What the customer sees";
    AnsweredAt => "评价时间", "Answered";
    When => "时间", "When";
    FalseRecord => "经核实为虚假记录", "Found to be a false record";
    Confirm => "确定", "Confirm";
    Purpose => "回访目的", "Purpose";
    Outcome => "回访结果", "Outcome";
    Note => "备注", "Note";
    Reason => "原因/说明", "Reason";
    PricedLines => "费用明细", "Priced lines";
    LineKind => "类别", "Kind";
    LineDescription => "名称/说明", "Item";
    Quantity => "数量", "Qty";
    UnitPriceYuan => "单价（元）", "Unit price (yuan)";
    UnitPrice => "单价", "Unit price";
    Amount => "金额", "Amount";
    AddLine => "添加一行", "Add line";
    AddFromPriceList => "从价格表添加", "Add from the price list";
    Total => "合计", "Total";
    Charged => "客户应付", "Customer pays";
    SignHere => "请客户在此签名", "Customer signs here";
    ClearSignature => "重签", "Clear";
    ResolveWithReport => "解决并出服务报告", "Resolve with a service report";
    ServiceReportTitle => "售后服务报告单", "Service report";
    TicketNumber => "工单号", "Ticket no.";
    ThisDevice => "本设备", "This device";
    TicketNumbersTitle => "工单编号", "Ticket numbers";
    BusinessRules => "业务规则", "Business rules";
    DeviceCodeLabel => "本机工单号代码", "This device's code in ticket numbers";
    DeviceCodeShared => "另一台设备的工单也使用这个代码，两台设备会给出相同的工单号。请为本机另选一个代码。", "Another device's tickets use this code too, so both hand out the same ticket numbers. Choose another code for this device.";
    DeviceCodeHint => "3 个字母（不含易混淆的 B G I L O Q S Z），新工单号从下一张起使用", "3 letters (not B G I L O Q S Z, which read like digits); new numbers use it from the next ticket";
    DeviceCodeInvalid => "代码须为 3 个字母，且不含 B G I L O Q S Z", "The code must be 3 letters, none of B G I L O Q S Z";
    DeviceCodeTaken => "另一台设备的工单已使用这个代码，请另选一个", "Another device's tickets already use this code; choose another";
    ChangeDeviceCode => "更改代码", "Change code";
    RegisteredAs => "已登记，工单号", "Registered as ticket";
    EngineerSignature => "服务工程师签字", "Engineer's signature";
    ReportChargedNote => "已过保修期：按明细向客户收费。", "Out of warranty: the customer pays the lines below.";
    ReportFreeNote => "保修期内：备件与服务免费，明细仅作记录。", "In warranty: parts and work are free; the lines are for the record.";
    WorkDone => "服务内容", "Work done";
    Solution => "解决方案", "Solution";
    SolutionSameAsWork => "留空则与服务内容相同", "Left empty: the same as the work done";
    SignedBy => "客户签名人", "Signed by";
    CustomerSignature => "客户签名", "Customer's signature";
    OutOfWarranty => "保修期外", "Out of warranty";
    InWarranty => "保修期内", "In warranty";
    VisitDate => "服务日期", "Date of visit";
    CustomerConfirmation => "客户确认：", "Confirmed by the customer:";
    Print => "打印", "Print";
    BackToTicket => "返回工单", "Back to the ticket";
    Certificates => "上岗证", "Certificates";
    ProductCategory => "产品类别", "Product category";
    CertificateNumber => "证书编号", "Certificate no.";
    ValidThrough => "有效期至", "Valid through";
    Remove => "移除", "Remove";
    AddCertificate => "添加上岗证", "Add certificate";
    Tickets => "工单", "Tickets";
    NavTickets => "工单", "Tickets";
    NewTicket => "新建工单", "New ticket";
    SearchTickets => "搜索工单号、客户、电话、序列号、描述", "Search ticket no., customer, phone, serial, text";
    OpenTickets => "未关闭", "Open";
    AllStates => "全部状态", "All states";
    AllKinds => "全部类型", "All kinds";
    AnyAssignee => "全部负责人", "Any assignee";
    AnyUnit => "全部单元", "Any unit";
    State => "状态", "State";
    Kind => "类型", "Kind";
    Assignee => "负责工程师", "Engineer";
    Unit => "负责单元", "Unit";
    ReceivedFrom => "受理日期自", "Received from";
    ReceivedTo => "至", "to";
    OverdueOnly => "只看超时", "Overdue only";
    MyTickets => "我的工单", "My tickets";
    SortBy => "排序", "Sort";
    SortNewest => "最新在前", "Newest first";
    SortOldest => "最早在前", "Oldest first";
    SortUrgency => "最紧急在前", "Most urgent first";
    SortPriority => "优先级", "Priority";
    NoTicketsMatch => "没有符合条件的工单。", "No tickets match.";
    Reopened => "重开过", "Reopened";
    Conflicts => "有冲突", "Conflicts";
    OverdueBy => "超时", "Overdue";
    TimeLeft => "剩余", "Left";
    Paused => "暂停·剩余", "Paused, left";
    SlaBreached => "已超时完成", "Breached";
    SlaMet => "按时完成", "Met";
    NavKpis => "指标", "KPIs";
    KpiDashboard => "指标看板", "KPI dashboard";
    KpiDashboardIntro => "每个数字都可点开，查看公式、分子分母和计入或未计入的工单。", "Every figure opens its formula, numerator and denominator, and the tickets counted and left out.";
    PeriodKindLabel => "统计周期", "Period";
    PreviousPeriod => "上一期", "Previous";
    NextPeriod => "下一期", "Next";
    PeriodFrom => "从", "From";
    PeriodTo => "至", "To";
    ScopeFilters => "筛选范围", "Scope";
    AnyProvider => "全部服务商", "Any provider";
    AnyProduct => "全部产品", "Any product";
    AnyChannel => "全部渠道", "Any channel";
    TargetLabel => "目标", "Target";
    IndustryLabel => "行业平均", "Industry";
    VsPrevious => "较上期", "vs. last period";
    TrendTitle => "趋势", "Trend";
    TrendOf => "趋势指标", "Trend of";
    RankingTitle => "排名", "Ranking";
    RankBy => "排名依据", "Rank by";
    SlaTitle => "服务时限达成", "Service levels met";
    SlaBreachesLink => "查看超时工单", "See overdue tickets";
    AspectsTitle => "各维度满意度", "Satisfaction by dimension";
    OverallRatingLabel => "总体评分", "Overall";
    NotGiven => "未指定", "Not given";
    Formula => "计算方法", "How it is computed";
    Numerator => "分子", "Numerator";
    Denominator => "分母", "Denominator";
    CountedItems => "计入的记录", "Counted";
    LeftOutItems => "未计入的记录", "Left out";
    // Before what a counted record adds to a KPI ("计入 1 / 1").
    AddedColumn => "计入", "Adds";
    DayColumn => "日期", "Day";
    ReasonColumn => "原因", "Reason";
    RecordColumn => "记录", "Record";
    BackToDashboard => "返回指标看板", "Back to the dashboard";
    ExportCsv => "导出 CSV", "Export CSV";
    ExportXlsx => "导出 Excel", "Export Excel";
    ExportFailed => "导出失败", "Export failed";
    KpiInputs => "指标数据录入", "KPI inputs";
    SalesTitle => "销量", "Units sold";
    SalesIntro => "按产品类别和月份录入销量，用于返修率、退货率和按销量计的投诉率。", "Units sold per product category and month: the base of the repair, return and complaints-per-sales rates.";
    MonthLabel => "月份", "Month";
    UnitsSold => "销量（台）", "Units sold";
    CostsTitle => "成本", "Costs";
    CostsIntro => "售后服务的成本明细（配件、人工、差旅等），可关联到工单，用于单均成本和总成本。", "The department's cost lines (parts, labour, travel, …), optionally of a ticket: cost per ticket and total cost.";
    AmountYuan => "金额（元）", "Amount (yuan)";
    TicketReference => "工单", "Ticket";
    TicketReferenceHint => "工单号，可留空；从工单页面进入时已填好", "The ticket's number; optional, filled in when you come from a ticket";
    NoteLabel => "备注", "Note";
    TotalLabel => "合计", "Total";
    OpenTicket => "查看工单", "Open ticket";
    NewestShown => "只列出最近的 500 条。", "Only the latest 500 are listed.";
    TrainingTitle => "培训计划", "Training plan";
    TrainingIntro => "计划的培训场次及举办情况，用于培训计划完成率。", "Training sessions planned and whether they were held: the training plan completion.";
    TrainingName => "培训主题", "Topic";
    PlannedOn => "计划日期", "Planned for";
    HeldOn => "举办日期", "Held on";
    Attendees => "参加人数", "Attendees";
    KpiTargetsTitle => "指标目标与行业平均", "KPI targets and industry averages";
    KpiTargetsIntro => "按看板显示的单位填写（百分比填 95 表示 95%，金额填元）。目标留空表示不设目标。", "Type them in the unit the dashboard shows (95 for 95 %, money in yuan). An empty target means none.";
    KpiTargetsLink => "指标目标", "Targets";
    AddCost => "记录成本", "Record a cost";
    DemoTitle => "演示公司", "Demo company";
    DemoIntro => "想先看看？加载「星河电器」售后服务部一年的模拟数据：三个区域、十二名工程师、两家服务商、约五千张工单及满意度、销量、成本和培训记录。每个用户的演示 PIN 都是 1234，可以任意角色进入；之后可在设置中清除。", "Want to look around first? Load a year of generated data for 星河电器's after-sales department: three regions, twelve engineers, two providers, about 5,000 tickets with surveys, sales, costs and training. Every user's demo PIN is 1234, so you can enter as any role; clear it later in Settings.";
    DemoLoad => "加载演示公司", "Load the demo company";
    DemoLoading => "正在生成演示数据…", "Generating the demo data…";
    DemoLoaded => "演示公司已加载，请选择一个用户进入", "The demo company is loaded: choose a user";
    DemoFailed => "演示数据生成失败", "The demo data could not be generated";
    DemoClearIntro => "本机存有演示公司的数据。清除后回到首次启动，可创建自己的管理员。", "This device holds the demo company. Clearing it returns to the first start, where you create your own administrator.";
    DemoClear => "清除演示公司", "Clear the demo company";
    DemoClearConfirm => "清除本机的全部数据（演示公司及之后录入的内容）？此操作不能撤销。", "Clear all data on this device (the demo company and anything entered since)? This cannot be undone.";
    DemoCleared => "已清除，回到首次启动", "Cleared: back to the first start";
    Exporting => "正在导出…", "Exporting…";
    ValueLabel => "数值", "Value";
    KpiColumn => "指标", "KPI";
    PreviousColumn => "上期", "Last period";
    StandingColumn => "达成", "Standing";
    NothingCounted => "本期没有计入的记录。", "Nothing counted in this period.";
    NothingLeftOut => "没有未计入的记录。", "Nothing left out.";
    SalesRecord => "销量", "Sales";
    CostRecord => "成本", "Cost";
    TrainingRecord => "培训", "Training";
    // Performance assessment (R6).
    NavAssessment => "绩效考核", "Assessment";
    WaitingForMe => "待我处理", "Waiting for me";
    NothingWaiting => "没有待处理的考核事项。", "Nothing is waiting for you.";
    ToDo => "待办", "To do";
    MyResults => "我的考核结果", "My results";
    MyAssessmentsUnderWay => "我的考核（进行中）", "My assessments under way";
    NoResultsYet => "还没有公示的考核结果。", "No published results yet.";
    DismissalReviewFlag => "连续两次考核不合格：需进行辞退评审", "Two failing results in a row: a dismissal review is due";
    Cycles => "考核周期", "Assessment cycles";
    Cycle => "考核周期", "Cycle";
    NoCyclesYet => "还没有开启考核周期。", "No cycle has been opened yet.";
    OpenCycle => "开启考核周期", "Open a cycle";
    Scheme => "考核方案", "Scheme";
    Schemes => "考核方案", "Schemes";
    People => "参加人员", "People";
    Archived => "已归档", "Archived";
    Late => "逾期", "Late";
    Period => "考核期间", "Period";
    Stage => "所处阶段", "Stage";
    NotYourAssessment => "这份考核不是您的，也没有交给您填写的表。", "This assessment is not yours, and no form of it is given to you.";
    AssessmentConflicts => "两台设备同时操作，有未生效的记录", "Two devices acted at once: some steps did not apply";
    PrintForms => "打印表格", "Print the forms";
    PlanFormTitle => "工作目标计划表", "Target plan";
    PerformanceFormTitle => "工作业绩评估表", "Performance form";
    AbilityFormTitle => "综合能力评估表", "Ability form";
    ResultFormTitle => "绩效考核结果处理表", "Result form";
    PlanReturnedBecause => "计划被退回：", "The plan was returned:";
    NoPlanYet => "尚未填写工作目标。", "No goals written yet.";
    PlanAdjustments => "计划调整次数：", "Plan adjustments:";
    Raters => "评估人", "Raters";
    FormGiven => "已填写", "Given";
    FormOutstanding => "未填写", "Not filled in yet";
    ResultExplained => "得分说明", "How the score came about";
    AdjustedTo => "上级调整为", "Adjusted by the superior to";
    AppealReason => "申诉理由", "Reason for the appeal";
    CommitteeDecision => "考核委员会裁定", "The committee's decision";
    ApprovalChain => "审批记录", "Approvals";
    Returned => "退回", "Returned";
    Approved => "同意", "Approved";
    Goal => "工作目标", "Goal";
    GoalMeasure => "衡量标准", "How it is measured";
    AddGoal => "增加目标", "Add a goal";
    AdjustPlan => "调整工作目标", "Adjust the plan";
    SubmitPlan => "提交计划", "Submit the plan";
    SubmitAdjustment => "提交调整", "Submit the adjustment";
    ReviewPlan => "审核工作目标计划表", "Review the target plan";
    ReturnReason => "退回理由（退回时必填）", "Reason (needed to return it)";
    Approve => "同意", "Approve";
    ReturnIt => "退回", "Return";
    FilePlan => "计划备案", "File the plan";
    Met => "达成", "Met";
    Dimension => "考核维度", "Dimension";
    Indicator => "指标", "Indicator";
    Indicators => "指标", "Indicators";
    Weight => "权重", "Weight";
    Entry => "录入", "Entry";
    RaterPrivacy => "您的评分只以平均分计入，被考核人看不到是谁打的分。", "Your scores count only in a mean: the person never sees who gave which.";
    ChangeRaters => "调整评估人", "Change the raters";
    AddRater => "添加", "Add";
    FromTheOrg => "按组织架构重置", "Reset from the org";
    Compile => "汇总结果", "Compile the result";
    CompileHint => "KPI 指标按考核期间从指标系统取数，汇总后冻结。", "KPI indicators take the period's figures from the KPI engine, frozen when compiled.";
    KpiWithoutFigure => "有 KPI 指标在本期间没有数据，请填写数值。", "Some KPI has no data in this period: type the figure.";
    ApproveResult => "审批考核结果", "Approve the result";
    AdjustScore => "调整得分", "Adjust the score";
    Appeal => "提出申诉", "Appeal";
    AppealUntil => "申诉截止：", "Appeals close:";
    DecideAppeal => "裁定申诉", "Decide the appeal";
    NewScore => "裁定得分", "Decided score";
    ResultStands => "维持原结果", "The result stands";
    NewScoreHint => "留空表示维持原结果", "Leave empty to let the result stand";
    Publish => "公示", "Publish";
    Archive => "归档", "Archive";
    BuiltIn => "（内置）", " (built in)";
    Year => "年度", "Year";
    PeriodPart => "期次（月/季/半年；年度填0）", "Part (month, quarter, half; 0 for a year)";
    CycleName => "周期名称", "Cycle name";
    PlansDue => "计划截止", "Plans due";
    FormsDue => "评分截止", "Forms due";
    ResultsDue => "审批截止", "Results due";
    AppealDays => "申诉期（天）", "Appeal window (days)";
    OutsidePilot => "不在试点单元内", "Outside the pilot units";
    NobodyChosen => "请至少选择一人", "Choose at least one person";
    NotDoneFor => "未处理：", "Not done for:";
    NotPermittedHere => "您没有查看此页面的权限。", "You may not see this page.";
    FileApprovedPlans => "备案所有已审核计划", "File every approved plan";
    CompileReady => "汇总所有已评分的", "Compile all that are scored";
    PublishApproved => "公示所有已审批的", "Publish all that are approved";
    ArchiveReady => "归档所有可归档的", "Archive all that are ready";
    WaitingFor => "等待", "Waiting for";
    Score => "得分", "Score";
    Grade => "等级", "Grade";
    GradeDistribution => "等级分布", "Grade distribution";
    NewScheme => "新建方案", "New scheme";
    EditScheme => "编辑方案", "Edit scheme";
    SchemeName => "方案名称", "Scheme name";
    Cadence => "考核周期", "Cadence";
    BuiltInSchemes => "内置方案", "Built-in schemes";
    BuiltInHint => "内置方案来自制度原文，以其为模板新建后可修改。", "The built-in schemes come from the policy; use one as a template to make your own.";
    UseAsTemplate => "以此为模板新建", "Use as a template";
    YearlyFromQuarters => "年度结果 = 各季度算术平均", "The year = the mean of the quarters";
    PilotUnits => "仅限以下单元（试点，可不选）", "Only these units (pilots; optional)";
    WeightTotal => "权重合计", "Weights total";
    Source => "来源", "Source";
    Rule => "评分规则", "Scoring rule";
    Target => "目标值", "Target";
    AddIndicator => "增加指标", "Add an indicator";
    SourceManual => "上级录入", "Entered by the superior";
    SourceRaters => "360° 评分", "360° raters";
    RuleProportional => "按目标比例", "Proportional to target";
    RuleInverse => "越低越好（反比）", "Lower is better";
    RuleBanded => "分档", "Bands";
    RuleDeduction => "按次扣分", "Deduction per occurrence";
    RuleManual => "人工评分", "Manual score";
    RulePassFail => "达成/未达成", "Pass / fail";
    Cap => "封顶", "Cap";
    Bands => "分档（界限:得分, …）", "Bands (bound:score, …)";
    Otherwise => "其余得分", "Otherwise";
    HigherIsBetter => "越高越好", "Higher is better";
    FullScore => "满分", "Full";
    PerOccurrence => "每次扣", "Per occurrence";
    Floor => "最低", "Floor";
    ReasonBelow => "低于此分须写理由", "Reason needed below";
    RaterWeightsTitle => "360° 权重", "360° weights";
    RelSuperior => "上级 %", "Superior %";
    RelPeer => "同级 %", "Peers %";
    RelSubordinate => "下级 %", "Subordinates %";
    SuperiorOfTwo => "缺一方时上级 %", "Superior % when one group is missing";
    GradeBands => "等级与结果应用", "Grades and what they lead to";
    BonusCoefficient => "奖金系数 %", "Bonus %";
    SalaryProposalTitle => "调薪建议", "Salary proposal";
    SalaryRaise => "上调一档", "One step up";
    SalaryKeep => "维持", "Unchanged";
    SalaryReview => "降档评审", "Review towards a step down";
    PromotionEligible => "可晋升", "Promotion";
    TrainingRequired => "须培训", "Training";
    Nomination => "优秀提名", "Nomination";
    FromScore => "起始分", "From";
    Passes => "合格", "Passes";
    SignedPerson => "被考核人签字", "Signed (person)";
    SignedSuperior => "直接上级签字", "Signed (superior)";
    SignedDate => "日期", "Date";
    Back => "返回", "Back";
    Composite => "综合", "Composite";
    Contribution => "加权得分", "Weighted";
    ComputedScore => "计算得分", "Computed score";
    FinalResult => "最终结果", "Final result";
    GradeOutcome => "结果应用（建议）", "What it leads to (proposals)";
    DismissalReview => "辞退评审", "Dismissal review";
    YearResult => "年度结果（各季度平均）", "The year (mean of the quarters)";
    OpenCorrection => "开立更正版本", "Open a correction";
    CorrectionOf => "更正自", "Corrects";
    // The service providers' assessment (R7).
    Date => "日期", "Date";
    NavQuality => "质量", "Quality";
    Quality => "质量管理", "Quality management";
    QualityIntro => "按 GB/T 27922 的售后服务标准检查表自评、定期抽查服务记录，并跟踪每一项整改措施直到完成。", "Assess the department against the GB/T 27922 standards checklist, audit samples of service records, and follow every corrective action until it is done.";
    SelfAssessments => "标准自评", "Standards self-assessments";
    StartSelfAssessment => "开始新的自评", "Start a self-assessment";
    NoSelfAssessments => "还没有自评。开始一次，按检查表逐条评定。", "No self-assessment yet. Start one and go through the checklist clause by clause.";
    Audits => "服务记录抽查", "Sampling audits";
    DrawSample => "抽样", "Draw the sample";
    NoAudits => "还没有抽查。选择对象和月份，抽取已关闭的工单。", "No audit yet. Choose whom and which month, and draw from the closed tickets.";
    CorrectiveActions => "整改措施", "Corrective actions";
    NoCorrectiveActions => "没有整改措施。", "No corrective action.";
    MyCorrectiveActions => "我的整改措施", "My corrective actions";
    Auditee => "抽查对象", "Audited";
    SampleSizeLabel => "抽样数量", "Sample size";
    SampleSizeHint => "单数（如 5）或比例（如 10%）", "A number of tickets (5) or a share (10%)";
    Seed => "随机种子", "Seed";
    SeedHint => "同一种子对同一批工单抽出相同的样本，可向被抽查人复现。", "The same seed draws the same sample from the same tickets, so it can be shown to the person audited.";
    AuditMonth => "月份", "Month";
    Reviewed => "已审", "Reviewed";
    Conformity => "符合率", "Conformity";
    UnderWay => "进行中", "Under way";
    FinishedState => "已完成", "Finished";
    Owner => "责任人", "Owner";
    DueDay => "完成期限", "Due";
    StatusLabel => "状态", "Status";
    OpenAction => "未完成", "Open";
    ClosedAction => "已完成", "Done";
    OverdueAction => "已逾期", "Overdue";
    WhatToDo => "整改内容", "What is to be done";
    WhatWasDone => "完成情况", "What was done";
    CloseAction => "完成整改", "Mark done";
    OpenCorrectiveAction => "开整改措施", "Open a corrective action";
    CorrectiveActionOpened => "已开整改措施", "Corrective action opened";
    CorrectiveActionClosed => "整改措施已完成", "Corrective action done";
    Points => "分值", "Points";
    Earned => "得分", "Earned";
    Requirement => "条款要求", "Requirement";
    EvidenceDocs => "涉及文件", "Evidence documents";
    ResponsibleUnit => "归口单位", "Responsible unit";
    Finding => "评定", "Finding";
    EvidenceNote => "证据说明", "Evidence noted";
    SampledChecked => "抽查数", "Checked";
    SampledNotConforming => "不符合数", "Not conforming";
    Specials => "特别扣分 / 加分", "Special deductions / bonus";
    AddDeduction => "加一项扣分", "Add a deduction";
    AddBonus => "加一项加分", "Add a bonus";
    SpecialDeduction => "扣 1 分", "1 point off";
    SpecialBonus => "加 1 分", "1 point on";
    SaveDraft => "保存", "Save";
    FinishSelfAssessment => "完成自评", "Finish the assessment";
    SelfAssessmentSaved => "自评已保存", "Self-assessment saved";
    SelfAssessmentFinished => "自评已完成", "Self-assessment finished";
    ScoreResult => "得分率", "Result";
    ScoreTotal => "总分", "Total";
    BandLabel => "等级", "Band";
    ApplicablePoints => "适用分值", "Applicable points";
    EarnedPoints => "所得分", "Points earned";
    GroupScores => "各部分得分", "By group";
    Shortfalls => "失分条款", "Clauses that lost points";
    NoShortfalls => "没有失分条款。", "No clause lost points.";
    Assessor => "评定人", "Assessed by";
    Reviewer => "抽查人", "Reviewed by";
    AssessedSoFar => "已评条款的得分（尚有条款未评）", "Score of the clauses assessed so far (some are not yet)";
    BackToQuality => "返回质量管理", "Back to quality";
    PopulationLabel => "可抽工单", "Closed tickets";
    SampledTickets => "样本工单", "Sampled tickets";
    ConformsVerdict => "符合", "Conforms";
    NotConformsVerdict => "不符合", "Does not conform";
    FindingKindLabel => "问题类别", "Finding";
    ReviewSaved => "抽查结果已保存", "Review saved";
    FinishAudit => "完成抽查", "Finish the audit";
    AuditFinished => "抽查已完成", "Audit finished";
    NotReviewedYet => "未审", "Not reviewed";
    ClosedOn => "关闭日期", "Closed";
    ChecklistVersion => "检查表版本", "Checklist version";
    ProvidersAssessed => "服务商考评", "Providers assessed";
    ProvidersAssessedIntro => "每个服务商本周 / 本月的完工单、差评（按制度剔除重复后计入的，和被剔除的）、投诉与负激励金额。点服务商名称查看结算单（由经理签发）。", "Each provider's week or month: completed tickets, bad reviews (counted after the rules' exclusions, and excluded), complaints and fines. Open a provider to see its statement (a manager issues it).";
    ProviderInputs => "考评录入", "Enter reviews & complaints";
    ProviderInputsIntro => "录入电商平台的 1 星 / 2 星评价、针对服务商的投诉和大促期间人手不足造成的延误。系统回访的差评和虚假工单自动取自工单，无需录入。", "Enter platforms' 1- and 2-star reviews, complaints against providers and peak-event delays. Our own survey's bad reviews and false records come from the tickets: nothing to enter.";
    ImportPlatformReviews => "导入平台评价", "Import platform reviews";
    ReviewImportIntro => "选择平台后台导出的差评 CSV 文件（GBK 或 UTF-8 均可）。每个平台的列对应只需设置一次，本机会记住。导入前先预览：每行按订单号、否则按电话和地址找到工单；找不到或有问题的行列出原因，不会导入。确认后可导入的行一次写入。", "Choose the bad-review CSV a platform's back office exported (GBK or UTF-8). Map its columns once per platform; this device remembers. A preview comes first: each row finds its ticket by order number, else by phone and address; rows that do not, or that have problems, are listed with why and not imported. Confirmed, the rows that can be imported are written in one step.";
    PenaltyRules => "负激励规则", "Penalty rules";
    PenaltyRulesIntro => "每套规则从“施行日期”起生效，直到下一套：往年的结算单仍按当年的规则计算。金额以元填写，精确到分。差评规则按当年最新满意度考核规则设定：每条计入的差评固定金额，或按差评率分档。", "Each set applies from its first day until the next, so earlier statements still compute under their year's rules. Amounts in yuan, to the fen. The bad-review rule is the year's: a fixed amount per counted bad review, or by bands of the bad-review rate.";
    BackToProviders => "返回服务商考评", "Back to providers";
    Weekly => "周报", "Weekly";
    Monthly => "月报", "Monthly";
    PeriodChoice => "考评周期", "Period";
    CompletedTickets => "完工单", "Completed";
    BadReviewsCounted => "差评（计入）", "Bad reviews counted";
    BadReviewsExcluded => "差评（剔除）", "Excluded";
    BadReviewRate => "差评率", "Bad-review rate";
    BadReviewRatePercent => "差评率（%）", "Bad-review rate (%)";
    Complaints => "投诉", "Complaints";
    Fines => "负激励金额", "Fines";
    Disqualification => "取消资格", "Disqualification";
    DisqualificationFlag => "建议取消资格", "Disqualification flagged";
    DisqualificationNote => "本期有情节严重的投诉：按制度建议取消该服务商资格", "A serious complaint this period: the rules call for disqualifying the provider";
    Statement => "结算单", "Statement";
    StatementDraft => "草稿", "Draft";
    StatementDraftLong => "草稿（未签发，随数据变化）", "Draft (not issued; follows the data)";
    StatementIssued => "已签发", "Issued";
    StatementChangedSinceIssue => "已签发（之后数据有变化）", "Issued (data changed since)";
    ChangedSinceIssueNote => "签发后又录入或更改了数据：此结算单保持签发时的内容。如需更正，请在下方出具更正版。", "Data was entered or changed after this was issued: the statement stays as issued. To correct it, issue a correction below.";
    AllProviders => "全部服务商", "All providers";
    CorrectsVersion => "更正", "Corrects";
    FinesTrendOf => "趋势图显示", "The trend shows";
    StatementTitle => "服务商负激励结算单", "Provider penalty statement";
    StatementPeriod => "考评期间", "Period";
    StatementStatus => "状态", "Status";
    RulesInForce => "适用规则", "Rules applied";
    SeedRules => "制度默认金额", "The rules' default amounts";
    InForceFrom => "施行日期", "In force from";
    RulesReachBack => "施行日期不晚于今天：从该日起、尚未出具的结算单都将按这套规则计算。已出具的不变，需要时出具更正版。", "In force from today or earlier: every statement from that day not yet issued computes under this set. Issued ones stay as issued; issue a correction where needed.";
    InForceNow => "现行", "In force";
    BadReviewPricing => "差评计费", "Bad reviews priced";
    StatementItems => "负激励明细", "Items";
    NoStatementItems => "本期没有负激励项目。", "Nothing to fine this period.";
    StatementItem => "项目", "Item";
    Clause => "条款", "Clause";
    OrderOrCustomer => "订单号 / 客户", "Order / customer";
    Detail => "说明", "Detail";
    StatementTotal => "合计", "Total";
    ExcludedReviews => "剔除的差评", "Excluded bad reviews";
    ExcludedBy => "剔除依据", "Excluded by";
    MergedInto => "并入", "Merged into";
    Section => "部分", "Section";
    SignedProvider => "服务商确认", "Provider";
    SignedIssuer => "签发人", "Issued by";
    WeekRateNote => "周结算单的差评率按本周完工工单和本周差评计算，并按差评率分档计价。", "A weekly statement's bad-review rate is the week's bad reviews over the week's completed tickets, priced by the rate bands.";
    WeekStatementNote => "说明：周结算单是本周的通报，其中各项也列在所在月份的月结算单上，两者不应重复扣款。", "Note: a weekly statement reports the week; its items are on the month's statement too, and are not to be charged twice.";
    StatementVersions => "签发记录", "Issued versions";
    IssueIntro => "签发后结算单即固定，不再随数据变化，也不能修改；如有错误，只能出具更正版。", "Once issued the statement is fixed: it no longer follows the data and cannot be changed; a mistake is corrected by a new version.";
    CorrectIntro => "本期结算单已签发。如需更正，请写明原因并出具更正版：原结算单保留，新版本注明更正了哪一版。", "This period's statement is issued. To correct it, give the reason and issue a correction: the original stays, the new version names the one it corrects.";
    CorrectionReason => "更正原因", "Reason for the correction";
    CorrectionNeedsReason => "请写明更正原因", "Give the reason for the correction";
    IssueStatement => "签发结算单", "Issue the statement";
    IssueCorrection => "出具更正版", "Issue a correction";
    IssueConfirm => "签发后不能再修改。确认按当前内容签发？", "It cannot be changed once issued. Issue it as it stands?";
    ConfirmIssue => "确认签发", "Issue";
    StatementIssuedToast => "结算单已签发", "Statement issued";
    InputKind => "类型", "Kind";
    ChooseProvider => "请选择服务商", "Choose a provider";
    Platform => "平台", "Platform";
    PlatformHint => "如 京东、天猫。同一平台每次用同一名称：列对应按名称记住", "E.g. JD, Tmall. Use one name per platform every time: the columns are remembered by it";
    NotAboutServiceAfterImport => "评价若明显针对物流、商品等非服务环节，导入后在“考评录入”中填写非服务原因，该条即不计入。", "A review clearly about delivery, the product or another non-service matter: after importing, give the reason in Provider items and it is not counted.";
    Stars => "星级", "Stars";
    ReviewedWork => "服务类型", "Work reviewed";
    NotAboutService => "非服务原因", "Not about the service";
    NotAboutServiceReason => "非服务环节的原因（填写则不计入）", "Not about the service, because (filled: not counted)";
    NotAboutServiceHint => "评价明显针对物流、商品等非安装服务环节时填写（制度 2.1.5.1）", "When the review is clearly about delivery, the product or another non-service matter (rule 2.1.5.1)";
    ComplaintCause => "投诉原因", "Cause";
    ChooseCause => "请选择原因", "Choose a cause";
    ChooseStars => "请选择星级", "Choose the stars";
    LinkedTicket => "关联工单", "Ticket";
    CustomerOfTicket => "客户的电话和地址取自关联工单。", "The customer's phone and address are the linked ticket's.";
    UnlinkTicket => "取消关联", "Unlink";
    CustomerAnonymised => "客户的电话和地址已按保留期匿名化。", "The customer's phone and address were anonymised (retention period).";
    RetentionOff => "未设保留期：客户个人信息一直保留，不会自动匿名化。", "No retention period: customers' personal data is kept and never anonymised automatically.";
    EnterProviderComplaint => "登记服务商投诉", "Enter a complaint against the provider";
    CancelEditing => "取消修改", "Cancel editing";
    EditingRecord => "正在修改列表中已有的一条：保存即写入修改，“取消修改”则放弃。", "Editing an item already in the list: saving writes the change, Cancel editing drops it.";
    SeriousCase => "情节严重（建议取消服务商资格）", "Serious (flags the provider for disqualification)";
    SeriousMark => "（情节严重）", " (serious)";
    PeakEvent => "大促活动", "Peak event";
    ChooseEvent => "请选择活动", "Choose the event";
    OtherEvent => "其他活动…", "Another event…";
    EventName => "活动名称", "Event name";
    InputText => "内容 / 经过", "Text / what happened";
    NoInputsInPeriod => "本期还没有录入。", "Nothing entered for this period.";
    FalseRecordFine => "虚假用户信息", "False record";
    ComplaintFine => "投诉", "Complaint";
    PeakFine => "大促人手不足", "Peak-event incident";
    FalseRecordFineYuan => "虚假用户信息（元 / 单）", "False record (yuan each)";
    ComplaintFineYuan => "投诉（元 / 次）", "Complaint (yuan each)";
    PeakFineYuan => "大促人手不足（元 / 次）", "Peak-event incident (yuan each)";
    BadReviewRule => "差评规则", "Bad-review rule";
    BadReviewRuleUnset => "暂不设定（只统计不计金额）", "Not set (counted, not fined)";
    BadReviewRulePerReview => "每条计入的差评固定金额", "A fixed amount per counted bad review";
    BadReviewRuleBands => "按差评率分档", "By bands of the bad-review rate";
    PerReviewFineYuan => "每条差评（元）", "Per bad review (yuan)";
    BandsHint => "差评率 = 计入的差评 ÷ 本期完工单。差评率超过某档时，每条计入的差评按该档金额计；不超过最低一档不计。", "Rate = counted bad reviews ÷ completed tickets. Above a band, each counted bad review costs that band's amount; at or below the lowest, nothing.";
    BandAbovePercent => "差评率超过（%）", "Rate above (%)";
    BandPerReviewYuan => "每条（元）", "Per review (yuan)";
    AddBand => "添加一档", "Add a band";
    RemoveBand => "删除此档", "Remove the band";
    NewRules => "新的一套规则", "A new set of rules";
    EditRules => "修改规则", "Change the rules";
    ChooseOrDropCsv => "点此选择 CSV 文件，或把文件拖到这里", "Tap to choose a CSV file, or drop it here";
    ChooseCsvFirst => "请先选择一个 CSV 文件。", "Choose a CSV file first.";
    NamePlatformFirst => "请先填写平台名称（用于记住列对应）。", "Name the platform first (its column mapping is remembered by it).";
    ReadFile => "读取文件", "Read the file";
    ReadingCsv => "正在读取文件…", "Reading the file…";
    ColumnMapping => "列对应", "Columns";
    NotInFile => "（文件中没有）", "(not in the file)";
    MapRequiredColumns => "请为“星级”“评价日期”以及“订单号”（或“电话”和“地址”）选择对应的列。", "Choose the columns of the stars, the date and the order number (or the phone and the address).";
    RowsNotImported => "不导入的行", "Rows not imported";
    RowsToImport => "将导入的行", "Rows to import";
    Line => "行号", "Line";
    MatchedTicket => "匹配工单", "Ticket found by";
    MatchedByOrder => "订单号", "Order number";
    MatchedByCustomer => "电话 + 地址", "Phone + address";
    DemoSampleIntro => "演示公司：可下载一份上月的京东差评导出文件，再在下面导入它。", "The demo company: download last month's JD bad-review export, then import it below.";
    DemoSampleDownload => "下载示例文件", "Download the sample file";
    MoreRowsNotShown => "只列出前 200 行；其余的同样会导入。", "Only the first 200 are listed; the rest are imported too.";
}

pub fn role_name(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::Agent => lang.pick("客服", "Customer-service agent"),
        Role::Engineer => lang.pick("工程师", "Engineer"),
        Role::Supervisor => lang.pick("售后服务主管", "Supervisor"),
        Role::Manager => lang.pick("售后服务经理", "Manager"),
        Role::HumanResources => lang.pick("人力资源", "Human resources"),
        Role::GeneralManager => lang.pick("总经理", "General manager"),
        Role::Committee => lang.pick("考核委员会", "Assessment committee"),
        Role::Admin => lang.pick("系统管理员", "Administrator"),
    }
}

pub fn position_name(lang: Lang, position: Position) -> &'static str {
    match position {
        Position::CustomerService => lang.pick("客服", "Customer service"),
        Position::Specialist => lang.pick("售后服务专员", "Specialist"),
        Position::Engineer => lang.pick("工程师", "Engineer"),
        Position::Supervisor => lang.pick("售后服务主管", "Supervisor"),
        Position::Manager => lang.pick("售后服务经理", "Manager"),
        Position::SalesDirector => lang.pick("销售总监", "Sales director"),
        Position::HumanResources => lang.pick("人力资源", "Human resources"),
        Position::GeneralManager => lang.pick("总经理", "General manager"),
        Position::Other => lang.pick("其他", "Other"),
    }
}

pub fn unit_kind_name(lang: Lang, kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Company => lang.pick("公司", "Company"),
        UnitKind::Department => lang.pick("部门", "Department"),
        UnitKind::Team => lang.pick("班组", "Team"),
        UnitKind::Region => lang.pick("区域", "Region"),
    }
}

pub fn employment_name(lang: Lang, employment: Employment) -> &'static str {
    match employment {
        Employment::Formal => lang.pick("正式", "Permanent"),
        Employment::Probation => lang.pick("试用", "Probation"),
    }
}

/// The sentence for a problem with what the user entered or asked.
pub fn problem(lang: Lang, problem: &Problem) -> String {
    match problem {
        Problem::Required => lang.pick("必填", "Required").into(),
        Problem::TooLong { max } => match lang {
            Lang::Zh => format!("最多 {max} 个字"),
            Lang::En => format!("At most {max} characters"),
        },
        Problem::DuplicateStaffNumber { number } => match lang {
            Lang::Zh => format!("工号 {number} 已被其他人员使用"),
            Lang::En => format!("Staff no. {number} is already taken"),
        },
        Problem::DuplicateName => lang
            .pick("已有同名记录", "That name is already taken")
            .into(),
        Problem::SuperiorIsSelf => lang
            .pick("不能选自己作上级", "A person cannot be their own superior")
            .into(),
        Problem::SuperiorCycle { chain } => match lang {
            Lang::Zh => format!("会形成循环上下级：{}", chain.join(" → ")),
            Lang::En => format!("That would make a loop of superiors: {}", chain.join(" → ")),
        },
        Problem::ParentIsSelf => lang
            .pick("不能选自己作上级单元", "A unit cannot be its own parent")
            .into(),
        Problem::ParentIsDescendant => lang
            .pick(
                "不能移到自己的下级单元之下",
                "A unit cannot move under one of its own sub-units",
            )
            .into(),
        Problem::UnknownReference => lang
            .pick(
                "所选记录已不存在（可能已在其他设备删除）",
                "The chosen record no longer exists (deleted on another device?)",
            )
            .into(),
        Problem::UnitHasChildren { count } => match lang {
            Lang::Zh => format!("该单元下还有 {count} 个下级单元，请先移走或删除"),
            Lang::En => {
                format!("This unit still has {count} sub-unit(s): move or delete them first")
            }
        },
        Problem::UnitHasStaff { count } => match lang {
            Lang::Zh => format!("该单元还有 {count} 名人员，请先调走"),
            Lang::En => format!("This unit still has {count} member(s): move them first"),
        },
        Problem::StaffHasSubordinates { count } => match lang {
            Lang::Zh => format!("此人还有 {count} 名直接下属，请先为他们更换上级"),
            Lang::En => format!(
                "This person still has {count} direct report(s): give them another superior first"
            ),
        },
        Problem::ProviderHasEngineers { count } => match lang {
            Lang::Zh => format!("该服务商还有 {count} 名工程师，请先处理"),
            Lang::En => {
                format!("This provider still has {count} engineer(s): deal with them first")
            }
        },
        Problem::InvalidPhone => lang
            .pick(
                "不是有效的电话号码（手机 11 位，座机带区号）",
                "Not a phone number (11-digit mobile, or a landline with area code)",
            )
            .into(),
        Problem::PinFormat => lang
            .pick("PIN 须为 4–8 位数字", "A PIN is 4–8 digits")
            .into(),
        Problem::PassphraseTooShort { min } => match lang {
            Lang::Zh => format!("口令至少 {min} 个字符"),
            Lang::En => format!("A passphrase has at least {min} characters"),
        },
        Problem::PassphraseMismatch => lang
            .pick("两次输入的口令不一致", "The two passphrases differ")
            .into(),
        Problem::PeriodEndsBeforeStart => lang
            .pick(
                "结束日期早于开始日期",
                "The last day comes before the first",
            )
            .into(),
        Problem::PinMismatch => lang
            .pick("两次输入的 PIN 不一致", "The two PINs differ")
            .into(),
        Problem::PinWrong => lang.pick("PIN 不正确", "Wrong PIN").into(),
        Problem::PinLocked { wait_ms } => {
            let seconds = wait_ms.div_ceil(1000);
            match lang {
                Lang::Zh => format!("错误次数过多，请 {seconds} 秒后再试"),
                Lang::En => format!("Too many wrong PINs: try again in {seconds} s"),
            }
        }
        Problem::PinNotCounted => lang
            .pick(
                "本机存储已满，无法记录此用户的 PIN 尝试次数；为安全起见，暂不接受此用户的 PIN。请其他用户登录并导出备份，再请管理员释放本机存储空间。",
                "This device's storage is full, so this user's PIN tries cannot be counted; for safety their PIN is not accepted now. Sign in as someone else and export a backup, then have an administrator free this device's storage.",
            )
            .into(),
        Problem::SignInNotKept => lang
            .pick(
                "本机存储已满，无法记住登录的用户，因此未切换用户。请管理员释放本机存储空间后再试。",
                "This device's storage is full, so the sign-in cannot be kept and the user was not switched. Have an administrator free this device's storage, then try again.",
            )
            .into(),
        Problem::LastAdmin => lang
            .pick(
                "至少要保留一名系统管理员",
                "At least one administrator must remain",
            )
            .into(),
        Problem::NotPermitted => lang
            .pick("当前角色无权进行此操作", "Your role may not do this")
            .into(),
        Problem::DateOutOfRange => match lang {
            Lang::Zh => format!("日期须在 {} 至 {} 之间", crate::domain::calendar::Date::TYPED_FIRST, crate::domain::calendar::Date::TYPED_LAST),
            Lang::En => format!("The date must be between {} and {}", crate::domain::calendar::Date::TYPED_FIRST, crate::domain::calendar::Date::TYPED_LAST),
        },
        Problem::InvalidDate => lang
            .pick("不是有效日期（年-月-日）", "Not a date (year-month-day)")
            .into(),
        Problem::InvalidDateTime => lang
            .pick("不是有效的日期和时间", "Not a valid date and time")
            .into(),
        Problem::InvalidTime => lang
            .pick("不是有效时间（时:分）", "Not a time (hh:mm)")
            .into(),
        Problem::DateInFuture => lang
            .pick("日期不能晚于今天", "The date cannot be after today")
            .into(),
        Problem::DateInPast => lang
            .pick("日期不能早于今天", "The date cannot be before today")
            .into(),
        Problem::AlreadyClosed => lang
            .pick("已经关闭，不能再次关闭", "Already closed")
            .into(),
        Problem::TimeInPast => lang
            .pick("时间不能早于现在", "The time cannot be in the past")
            .into(),
        Problem::ExpiresBeforeGained => lang
            .pick(
                "证书有效期须晚于培训日期",
                "The certificate must run past the day of the training",
            )
            .into(),
        Problem::WarrantyEndsBeforePurchase => lang
            .pick(
                "保修截止日不能早于购买日期",
                "The warranty cannot end before the purchase date",
            )
            .into(),
        Problem::InvalidNumber { decimals: 0 } => lang
            .pick("请输入不带小数的数字", "Enter a whole number")
            .into(),
        Problem::InvalidNumber { decimals } => match lang {
            Lang::Zh => format!("请输入数字，最多 {decimals} 位小数"),
            Lang::En => format!("Enter a number with at most {decimals} decimal place(s)"),
        },
        Problem::InvalidQuantity => lang
            .pick(
                "数量须为 1–10000 的整数",
                "Quantity: a whole number 1–10000",
            )
            .into(),
        Problem::InvalidAmount => lang
            .pick(
                "金额须为数字，最多两位小数（元）",
                "An amount in yuan, at most two decimals",
            )
            .into(),
        Problem::NegativeAmount => lang
            .pick("金额不能为负数", "An amount cannot be negative")
            .into(),
        Problem::AmountTooLarge { max } => match lang {
            Lang::Zh => format!("金额过大：不能超过 {max}"),
            Lang::En => format!("The amount is too large: at most {max}"),
        },
        Problem::SignatureMissing => lang
            .pick("请客户在框内签名", "Ask the customer to sign in the box")
            .into(),
        Problem::DayIsHoliday => lang
            .pick("这一天已是节假日", "That day is already a holiday")
            .into(),
        Problem::DayIsMakeUpDay => lang
            .pick(
                "这一天已是调休上班日",
                "That day is already a make-up working day",
            )
            .into(),
        Problem::ClosesBeforeOpening => lang
            .pick("下班时间须晚于上班时间", "Closing must be after opening")
            .into(),
        Problem::OutOfRange { min, max } => match lang {
            Lang::Zh => format!("须为 {min}–{max} 的整数"),
            Lang::En => format!("A whole number from {min} to {max}"),
        },
        Problem::TicketRefused(refusal) => tickets::refusal(lang, refusal),
        Problem::Receipt(error) => surveys::receipt_error(lang, *error).into(),
        Problem::WeightsTotal { total } => {
            let total = crate::domain::assessment::exact::Weight(*total);
            match lang {
                Lang::Zh => format!("权重合计必须为100%，当前为{total}"),
                Lang::En => format!("The weights must total 100%; they total {total}"),
            }
        }
        Problem::WeightZero => lang.pick("权重不能为0", "A weight cannot be 0").into(),
        Problem::SuperiorWeightZero => lang
            .pick(
                "上级权重必须大于0且不超过100%",
                "The superior's weight must be above 0 and at most 100%",
            )
            .into(),
        Problem::TargetRequired => lang
            .pick("此评分规则需要目标值", "This scoring rule needs a target")
            .into(),
        Problem::RatersScoreByHand => lang
            .pick(
                "由评估人打分的指标须为手工评分",
                "An indicator scored by raters must be scored by hand",
            )
            .into(),
        Problem::KpiNotTyped => lang
            .pick(
                "来自KPI的指标由评分规则计算，不能手工评分",
                "An indicator from a KPI is scored by a rule, not typed",
            )
            .into(),
        Problem::CapBelow100 => lang
            .pick("上限不能低于100分", "The cap cannot be below 100")
            .into(),
        Problem::ScoreAbove100 => lang
            .pick("分数不能超过100", "A score cannot exceed 100")
            .into(),
        Problem::FloorAboveFull => lang
            .pick(
                "保底分不能高于满分，满分不超过100",
                "The floor cannot be above the full score, which is at most 100",
            )
            .into(),
        Problem::BandsNotFalling => lang
            .pick(
                "各等级的起点须从高到低排列",
                "Each grade must start below the one above it",
            )
            .into(),
        Problem::LowestBandFromZero => lang
            .pick("最低等级须从0分起", "The lowest grade must start at 0")
            .into(),
        Problem::OneSpecialBonus => lang
            .pick("特别加分最多一项", "At most one special bonus point")
            .into(),
        Problem::BonusAboveMax => lang
            .pick(
                "奖金系数须为0–300%，最多两位小数",
                "A bonus coefficient from 0 to 300 %, at most two decimal places",
            )
            .into(),
        Problem::OutcomePerGrade => lang
            .pick(
                "每个等级须有一条考核结果应用规则",
                "Every grade needs one outcome rule",
            )
            .into(),
        Problem::OrderOrCustomerRequired => lang
            .pick(
                "请填写订单号，或客户的电话和地址：否则无法判断是否重复",
                "Give the order number, or the customer's phone and address: otherwise duplicates cannot be told",
            )
            .into(),
        Problem::NoSuchTicket => lang
            .pick(
                "没有这个工单号的工单：请核对工单号，或留空",
                "No ticket has this number: check the number, or leave it empty",
            )
            .into(),
        Problem::TicketOfAnotherProvider => lang
            .pick(
                "这张工单不是该服务商的工程师处理的：请选择处理它的服务商，或不关联工单",
                "This ticket was not worked by this provider's engineers: choose the provider that worked it, or no ticket",
            )
            .into(),
        Problem::NotABadReview { stars } => match lang {
            Lang::Zh => format!("{stars} 星不是差评：只录入 1 星或 2 星的评价"),
            Lang::En => format!("{stars} stars is not a bad review: only 1- and 2-star reviews are entered"),
        },
        Problem::RulesSameDay => lang
            .pick(
                "已有一套规则从这一天起施行：请修改那一套",
                "Another set of rules starts on this day: change that one",
            )
            .into(),
        Problem::BandsNotRising => lang
            .pick(
                "各档差评率须从低到高排列",
                "Each band's rate must be above the one before",
            )
            .into(),
        Problem::PeriodNotOver => lang
            .pick(
                "本期尚未结束：期末之后才能签发结算单",
                "The period is not over yet: a statement is issued once it is",
            )
            .into(),
        Problem::StatementIssued => lang
            .pick(
                "本期结算单已签发，不能再修改：如有错误请出具更正版",
                "This period's statement is issued and cannot change: issue a correction instead",
            )
            .into(),
        Problem::AuditUnderWay => lang
            .pick(
                "此人本期的抽查尚未完成：请先完成或删除它，再重新抽样",
                "An audit of this person for this period is under way: finish or remove it before drawing again",
            )
            .into(),
        Problem::NothingToSample => lang
            .pick(
                "本期没有已关闭的工单可供抽查",
                "No ticket was closed in this period to sample",
            )
            .into(),
        Problem::ReasonForChange => lang
            .pick(
                "更改已承诺客户的日期须写明原因",
                "Write why the date promised to the customer moves",
            )
            .into(),
        Problem::ReportIssued => lang
            .pick(
                "本期报告已签发，不能再修改",
                "This period's report is issued and cannot change",
            )
            .into(),
        Problem::ReportPeriodNotOver => lang
            .pick(
                "本期尚未结束：期末之后才能签发报告",
                "The period is not over yet: its report is issued once it is",
            )
            .into(),
    }
}

/// The sentence for a storage failure. Every one says whether data was lost (it never is).
/// A label and what it says: "挂起：等待配件" / "On hold: waiting for parts".
pub fn labelled(lang: Lang, label: &str, detail: &str) -> String {
    match lang {
        Lang::Zh => format!("{label}：{detail}"),
        Lang::En => format!("{label}: {detail}"),
    }
}

/// Items in a running list: "甲、乙、丙" / "A, B, C".
pub fn listed<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(lang.pick("、", ", "))
}

/// A text with its reason after it: "转派 → 李工（忙）" / "Reassigned → 李工 (busy)".
pub fn with_reason(lang: Lang, text: &str, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("{text}（{reason}）"),
        Lang::En => format!("{text} ({reason})"),
    }
}

pub fn store_error(lang: Lang, error: &StoreError) -> String {
    match error {
        StoreError::Quota => lang
            .pick(
                "存储空间已满，这次修改没有保存；已保存的数据不受影响。请导出备份并清理浏览器空间后再试。",
                "Storage is full, so this change was not saved; what was saved before is intact. Export a backup and free browser space, then try again.",
            )
            .into(),
        StoreError::Unavailable(detail) => match lang {
            Lang::Zh => format!("无法打开本机存储（{detail}）。请关闭隐私/无痕模式后重试。"),
            Lang::En => format!("Cannot open this device's storage ({detail}). Leave private mode and try again."),
        },
        StoreError::NewerSchema { found: 0, .. } => lang
            .pick(
                "本机数据已被较新版本的程序升级。请重新载入页面以使用新版本；数据未被改动。",
                "This device's data was upgraded by a newer version of the app. Reload the page to run it; the data was not touched.",
            )
            .into(),
        StoreError::NewerSchema { found, supported } => match lang {
            Lang::Zh => format!("本机数据来自较新版本（数据版本 {found}，本程序支持到 {supported}）。请更新程序；数据未被改动。"),
            Lang::En => format!("The data here was written by a newer version (schema {found}; this app reads up to {supported}). Update the app; the data was not touched."),
        },
        StoreError::Corrupt(_) => lang
            .pick(
                "本机数据的存储结构已损坏，无法打开。数据未被改动：请用下面的按钮保存能读出的部分，或联系管理员。",
                "The structure of the stored data is damaged, so it cannot be opened. Nothing was changed: save what still reads with the button below, or ask the administrator.",
            )
            .into(),
        StoreError::Failed(detail) => match lang {
            Lang::Zh => format!("保存失败，这次修改没有保存；已保存的数据不受影响。（技术细节：{detail}）"),
            Lang::En => format!("Saving failed, so this change was not saved; what was saved before is intact. (Technical detail: {detail})"),
        },
        StoreError::SavedSinceImport => lang
            .pick(
                "导入之后本机又保存了修改，现在撤销导入会丢失这些修改，因此未撤销。",
                "Changes were saved after the import; undoing it now would lose them, so nothing was undone.",
            )
            .into(),
        StoreError::ChangedSincePreview => lang
            .pick(
                "预览之后本机数据已被改动（可能在另一个标签页中），未导入。请重新预览后再导入。",
                "The data here changed after the preview (perhaps in another tab), so nothing was imported. Preview the file again, then import.",
            )
            .into(),
        StoreError::NoImport => lang
            .pick("没有可撤销的导入。", "There is no import to undo.")
            .into(),
    }
}
