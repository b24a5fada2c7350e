/** 我的: the less frequent places, one tap away (the bottom bar keeps the daily ones). */
export function MoreScreen() {
  const links: [string, string, string][] = [
    ['/search', '搜索', '查找人员、隐患、帮扶和日跟班记录（不需要网络）'],
    ['/history', '往日记录', '按日期查看和补正每个班'],
    ['/people', '人员', '花名册、个人档案、1+X 结对、困难职工台账'],
    ['/sync', '数据发送', '待发送记录、设备登记、立即发送'],
    ['/settings', '设置', '班组信息、班次、花名册、本机存储'],
    ['/help', '换手机、代班', '新手机恢复数据，代班同志用自己的手机'],
  ];
  return (
    <main>
      <h1 style={{ margin: '8px 0' }}>我的</h1>
      <ul class="list">
        {links.map(([href, title, hint]) => (
          <li key={href}>
            <a class="btn wide" style={{ justifyContent: 'space-between' }} href={href}>
              <span>{title}<br /><span class="hint">{hint}</span></span>
              <span aria-hidden="true">›</span>
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
