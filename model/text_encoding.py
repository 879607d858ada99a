"""Which encoding a text file is in: UTF-8 (with or without a byte-order mark),
UTF-16, or the legacy Chinese code pages Excel writes on Chinese Windows (GBK on
Simplified, Big5 on Traditional).

    text, used = decode_text(data)            # detect
    text, used = decode_text(data, "big5")    # the user's choice (any Python codec name)

``used`` is a name for a person ("UTF-8", "UTF-8 with BOM", "UTF-16", "GBK", "Big5").
Detection: a byte-order mark decides; then UTF-16 without one (every other byte
zero); then strict UTF-8; then GBK and Big5, and when both decode, the one whose
text has more of the most common Chinese characters (a misread file turns into
rare ones).
"""
from __future__ import annotations

import codecs

# name a person reads → the Python codec used (GB18030 reads every GBK file; cp950 is
# Microsoft's Big5, what Excel writes, with the euro sign and a few more).
ENCODINGS = {"UTF-8": "utf-8", "UTF-8 with BOM": "utf-8-sig", "UTF-16": "utf-16",
             "GBK": "gb18030", "Big5": "cp950"}
CHOICES = ("auto", "utf-8", "utf-16", "gbk", "big5")    # --encoding and the window's menu

# The most frequent Chinese characters, Traditional and Simplified forms both.
COMMON = frozenset(
    "的一是不了人我在有他這这中大來来上國国個个到說说們们為为子和你地出道也時时年得就那要下以生會会"
    "自著着去之過过家學学對对可她裡里後后小麼么心多天而能好都然沒没日於于起還还發发成事只作當当想看"
    "文無无開开手十用主行方又如前所本見见經经頭头面公同三已老從从動动兩两長长知民樣样現现分將将外但"
    "身些與与高意進进把法此實实回二理美點点月明其種种聲声全工己話话兒儿者向情部正名定女問问力機机給"
    "给等幾几很業业最間间新什打便位因重被走電电四第門门相次東东政海口使教西再平真聽听世氣气信北少關"
    "关並并內内加化由卻却代軍军產产入先山五太水萬万市眼體体別别處处總总才場场師师書书比住員员九笑性"
    "通目華华報报立馬马命張张活難难神數数件安表原車车白應应路期叫死常提感金何更反合放做系計计或司利"
    "資资料數据標标籤签測测試试訓练練習习值類类型號号碼码備注註記记錄录姓名班級级成績绩分組组")


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """``data`` as text and the encoding used. ``encoding`` None or "auto" detects;
    any other codec name is used as given. Raises UnicodeDecodeError (with the
    encodings tried in its reason) when nothing fits, LookupError for an unknown name."""
    if encoding and encoding.lower() != "auto":
        codec = codecs.lookup(_CODEC_ALIASES.get(encoding.lower(), encoding))
        name = next((n for n, c in ENCODINGS.items() if codecs.lookup(c).name == codec.name), encoding)
        if codec.name == "utf-8" and data.startswith(codecs.BOM_UTF8):
            return data.decode("utf-8-sig"), "UTF-8 with BOM"
        return data.decode(codec.name), name
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig"), "UTF-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    decoded = {}
    for name in ("GBK", "Big5"):
        try:
            decoded[name] = data.decode(ENCODINGS[name])
        except UnicodeDecodeError:
            pass
    if not decoded:
        raise UnicodeDecodeError(utf8_error.encoding, utf8_error.object, utf8_error.start, utf8_error.end,
                                 "not UTF-8, UTF-16, GBK or Big5")
    best = max(decoded, key=lambda n: (sum(ch in COMMON for ch in decoded[n]), n == "Big5"))
    return decoded[best], best


_CODEC_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "big5": "cp950", "big-5": "cp950"}


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when most of the even or odd bytes are zero (ASCII text in UTF-16)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None
