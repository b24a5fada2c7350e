/** zh-CN texts of the sync engine, shown by the badge and the outbox screen. */
export const MSG = {
  offline: '网络中断，有信号时会自动重发',
  revoked: '设备已被停用，数据仍保存在本机，请联系党支部书记',
  invalidToken: '设备登记已失效，数据仍保存在本机，请重新登记',
  serverError: (status: number) => `服务器暂时无法处理（${status}），稍后自动重试`,
  enrolOffline: '网络不通，请到有信号的地方再试',
} as const;
