/**
 * Passwords people pick first, refused as a new password whatever their length: the
 * favourites of Chinese users (digit runs, keyboard walks, woaini/1314/520 phrases, pinyin
 * names and words, dates) and the international ones. Compared lower-case. Short entries
 * are refused by the length rule anyway; they stay so the list can be read as a whole.
 */
const LIST = `
123456 123456789 12345678 1234567890 12345 1234567 111111 000000 123123 666666 888888 112233 121212 123321
654321 987654321 0987654321 1234567890a a123456 a12345678 a123456789 a1234567890 aa123456 aa12345678
aa123456789 abc123 abc123456 abc12345678 abc1234567 abc123456789 abcd1234 abcd123456 abcd12345678
abcdefg abcdefgh abcdefghij abcdefg123 qwerty qwerty123 qwertyuiop qwertyuiop123 qwerty123456 1qaz2wsx
1qaz2wsx3edc 1qaz2wsx3edc4rfv 1qazxsw2 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e 1q2w3e4r5t6y7u q1w2e3r4
q1w2e3r4t5 q1w2e3r4t5y6 qazwsx qazwsxedc qazwsxedcrfv zaq12wsx zxcvbnm zxcvbnm123 zxcvbnm123456
asdfghjkl asdfghjkl123 asdfgh asd123456 asdf1234 qwe123 qwe123456 qwe1234567 qweasdzxc qweasdzxc123
qweqweqwe 1234qwer 123qwe 123qweasd 123qweasdzxc 1234abcd 123456a 123456aa 123456abc 123456789a
123456789abc 12345678a 12345678910 1234567891 12345678900 123456789q 123456qwe 147258 147258369
1472583690 159357 159753 159753123 258369 321321 369258147 741852963 789456 789456123 7894561230
963852741 a1b2c3 a1b2c3d4 a1b2c3d4e5 aaaaaa aaaaaaaa aaaaaaaaaa 1111111111 0000000000 8888888888
6666666666 5555555555 9999999999 1212121212 1231231234 1122334455 11223344 1314520 5201314 520520
5201314520 1314520520 13145201314 52013145201314 woaini woaini1314 woaini520 woaini123 woaini123456
woaini1314520 woaini5201314 woaiwojia woaiwoma woaini1234 iloveyou iloveyou1314 iloveyou520
iloveyou123 iloveyou1234 aini1314 ai1314520 1314woaini 520woaini wangyu wang123456 wangjian
zhang123456 li123456 liu123456 chen123456 yang123456 zhao123456 huang123456 zhou123456 wu123456
wangwei zhangwei lijing wangfang liuyang zhangyan chenjie zhanglei wangqiang wanglei liming
zhangmin zhangjie lixin wangxin lihua wangjun zhangyong woshishui woshinidie nihao nihao123
nihao123456 mima123456 mima1234 mimamima password password1 password123 password1234 passw0rd
p@ssw0rd p@ssword pass1234 pass123456 admin admin123 admin888 admin123456 admin1234 administrator
root root123 root123456 toor test test123 test123456 guest guest123 user123 user123456 welcome
welcome123 welcome1 letmein letmein123 changeme changeme123 secret secret123 login123 default
dangzhibu dangyuan dangzhibu123 gongchandang zhongguo zhongguo123 china123 china123456 beijing
beijing123 shanghai shanghai123 meikuang meikuang123 meikuang123456 caimei anquan anquan123
anquan123456 anquandiyi shengchan banzu banzu123 xiaozhengwei xiaozhengwei123 shuji shuji123
shuji123456 sec123456 secretary secretary123 demo demo123 demo123456 dragon dragon123 monkey
master master123 sunshine princess football baseball superman batman shadow michael jordan23
jennifer hunter trustno1 whatever freedom starwars computer internet 1234567a 12345qwert
12345qwerty qwert12345 qwerty12345 asdf123456 zxcv123456 zxc123456 zxc123456789 qq123456
qq123456789 qq1234567890 wx123456 weixin123 wechat123 baidu123 taobao123 alibaba 88888888
888888888 8888888888a 66666666 666666666 11111111 111111111 1111111a 00000000 000000000 12341234
1234512345 1234554321 1357924680 13579 135792468 2468013579 246810 110110 110110110 119119
1314521 5211314 7758521 7758258 5201314a a5201314 woaini520520 xiaoming xiaoqiang xiaohong
qwerasdf qwerasdfzxcv 1qa2ws3ed 1a2s3d4f 1a2b3c4d 1a2b3c4d5e 1z2x3c4v 1234zxcv zxcvasdf
asdfqwer 0123456789 01234567 012345 9876543210 9876543 98765432 abc12345 abc123abc
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
