//! Stop words that bound candidate terms, as plain reviewable lists.

/// English function words and frequent non-term words.
pub const EN: &[&str] = &[
    "a", "about", "above", "according", "across", "after", "against", "all", "along", "also", "although", "among",
    "an", "and", "another", "any", "are", "as", "at", "be", "because", "been", "before", "being", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "during", "each", "either", "especially", "etc", "even", "ever",
    "every", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his",
    "how", "however", "i", "if", "in", "including", "into", "is", "it", "its", "itself", "just", "may", "me", "might",
    "more", "most", "much", "must", "my", "near", "new", "no", "nor", "not", "of", "on", "once", "one", "only", "or",
    "other", "others", "our", "out", "over", "own", "particularly", "per", "same", "shall", "she", "should", "since",
    "so", "some", "such", "than", "that", "the", "their", "them", "themselves", "then", "there", "these", "they",
    "this", "those", "through", "thus", "to", "too", "toward", "towards", "under", "until", "up", "upon", "us",
    "very", "via", "was", "we", "well", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "mr", "ms", "mrs", "dr",
    "said", "says", "say", "noted", "note", "held", "hold", "take", "taking", "took", "place", "made", "make", "use",
    "used", "provide", "provides", "provided", "become", "becomes", "became", "include", "includes", "included",
    "expected", "reports", "reported", "according", "year", "years", "day", "days", "recent", "recently", "today",
    "first", "second", "third", "two", "three", "four", "five", "ten", "several", "many", "various", "key", "main",
    "important", "special", "particular", "given", "following", "previously", "adopted", "organized", "organised",
    "attended", "participated", "represented", "emphasized", "stressed", "highlighted", "continue", "continues",
    "aimed", "aims", "based", "well", "like", "still", "already", "less", "least", "being", "therefore", "whereas",
];

/// Russian function words and frequent non-term words.
pub const RU: &[&str] = &[
    "а", "без", "более", "бы", "был", "была", "были", "было", "быть", "в", "вам", "вас", "весь", "во", "вот", "все",
    "всего", "всех", "вы", "где", "да", "даже", "для", "до", "его", "ее", "её", "если", "есть", "еще", "ещё", "же",
    "за", "здесь", "и", "из", "или", "им", "их", "к", "как", "какой", "когда", "кото", "который", "которая",
    "которые", "которых", "которым", "которой", "котором", "которого", "кроме", "кто", "ли", "либо", "между", "меня",
    "мы", "на", "над", "не", "него", "нее", "нет", "ни", "них", "но", "ну", "о", "об", "однако", "он", "она", "они",
    "оно", "от", "по", "под", "после", "при", "про", "раз", "с", "со", "так", "также", "такой", "там", "те", "тем",
    "то", "того", "тоже", "той", "только", "том", "тот", "ту", "у", "уже", "хотя", "чего", "чем", "через", "что",
    "чтобы", "эта", "эти", "этим", "этих", "это", "этого", "этой", "этом", "этот", "эту", "я", "свой", "своей",
    "свою", "своих", "своим", "своего", "будет", "будут", "станет", "станут", "является", "являются", "может",
    "могут", "состоится", "состоятся", "пройдут", "сообщает", "ожидаются", "также", "ранее", "более", "менее",
    "год", "года", "году", "годов", "лет", "год", "г", "гг", "т", "д", "др", "пр", "см", "числе", "том",
];

/// True when `w` (any case) is an English or Russian stop word.
pub fn is_stop(w: &str, ru: bool) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static SETS: OnceLock<[HashSet<&'static str>; 2]> = OnceLock::new();
    let sets = SETS.get_or_init(|| [EN.iter().copied().collect(), RU.iter().copied().collect()]);
    let set = &sets[usize::from(ru)];
    if set.contains(w) {
        return true;
    }
    w.chars().any(char::is_uppercase) && set.contains(w.to_lowercase().as_str())
}
