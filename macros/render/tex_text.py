"""LaTeX math as readable Unicode text: `\\hat\\sigma^2 = \\frac{1}{n}\\sum (x_i - \\bar x)^2` becomes
`σ̂² = 1/n Σ (xᵢ − x̄)²`.

Used wherever only text can go (page titles, link previews, search snippets, CSV). It is a reader's
rendering, not a TeX engine: commands it does not know keep their name without the backslash, so
nothing is ever dropped silently.
"""

from __future__ import annotations

import re

SYMBOLS = {
    # Greek
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    # relations and operators
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠", "ne": "≠", "approx": "≈",
    "sim": "~", "simeq": "≃", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫",
    "times": "×", "cdot": "·", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆",
    "circ": "∘", "otimes": "⊗", "oplus": "⊕", "odot": "⊙",
    "sum": "Σ", "prod": "Π", "int": "∫", "oint": "∮", "partial": "∂", "nabla": "∇",
    "infty": "∞", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
    "cup": "∪", "cap": "∩", "emptyset": "∅", "varnothing": "∅", "forall": "∀", "exists": "∃",
    "neg": "¬", "lnot": "¬", "land": "∧", "lor": "∨", "wedge": "∧", "vee": "∨",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
    "leftrightarrow": "↔", "Leftrightarrow": "⇔", "iff": "⇔", "implies": "⇒", "mapsto": "↦",
    "uparrow": "↑", "downarrow": "↓",
    "mid": "|", "vert": "|", "lvert": "|", "rvert": "|", "Vert": "‖", "lVert": "‖",
    "rVert": "‖", "|": "‖",
    "langle": "⟨", "rangle": "⟩", "lceil": "⌈", "rceil": "⌉", "lfloor": "⌊", "rfloor": "⌋",
    "ldots": "…", "cdots": "⋯", "dots": "…", "vdots": "⋮", "ddots": "⋱",
    "top": "ᵀ", "intercal": "ᵀ", "perp": "⊥", "parallel": "∥", "prime": "′", "ell": "ℓ",
    "hbar": "ħ", "dagger": "†", "checkmark": "✓", "degree": "°", "%": "%", "$": "$", "&": "&",
    "#": "#", "_": "_", "{": "{", "}": "}",
    # spacing
    ",": " ", ";": " ", ":": " ", "!": "", " ": " ", "quad": " ", "qquad": " ",
    # named operators print their name
    "log": "log", "ln": "ln", "exp": "exp", "sin": "sin", "cos": "cos", "tan": "tan",
    "tanh": "tanh", "min": "min", "max": "max", "arg": "arg", "sup": "sup", "inf": "inf",
    "lim": "lim", "det": "det", "dim": "dim", "Pr": "Pr", "gcd": "gcd", "deg": "deg",
    "argmin": "argmin", "argmax": "argmax",
}
SPACED = {"sum", "prod", "int", "oint", "log", "ln", "exp", "min", "max", "arg", "sup", "inf",
          "lim", "det", "argmin", "argmax", "in", "notin", "to", "rightarrow", "Rightarrow",
          "implies", "iff", "le", "leq", "ge", "geq", "neq", "approx", "equiv", "propto",
          "quad", "qquad"}
# Commands that only change the font or size: their argument is printed as it is.
PASS_THROUGH = {"mathrm", "text", "textrm", "textbf", "textit", "mathit", "mathbf", "boldsymbol",
                "bm", "mathsf", "mathtt", "texttt", "operatorname", "mbox", "emph", "textsf",
                "displaystyle", "textstyle", "scriptstyle", "left", "right", "big", "Big",
                "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "mathop", "rm", "bf", "it",
                "underbrace", "overbrace", "boxed", "phantom", "limits", "nolimits"}
BLACKBOARD = {"R": "ℝ", "E": "𝔼", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "P": "ℙ", "1": "𝟙",
              "I": "𝕀", "V": "𝕍"}
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
           "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307",
           "ddot": "\u0308"}
SUPERSCRIPTS = dict(zip("0123456789+-=()niTtkxyabcdemp", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀᵗᵏˣʸᵃᵇᶜᵈᵉᵐᵖ"))
SUBSCRIPTS = dict(zip("0123456789+-=()aeijklmnoprstuvxh", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓₕ"))

_SCRIPT = "\x00"  # marks a sub- or superscript while a sequence is assembled
_TOKEN = re.compile(r"\\([a-zA-Z]+|.)|([{}^_])|(\s+)|(.)", re.S)


def tex_to_text(tex: str) -> str:
    """Readable Unicode for a LaTeX math expression (without its delimiters)."""
    tokens = [m for m in _TOKEN.finditer(tex)]
    text, _ = _sequence(tokens, 0, stop_at_brace=False)
    text = re.sub(r"\s+", " ", text).strip()
    # `a = b` reads better with spaces around binary relations the source wrote tightly.
    return text


def _sequence(tokens, i: int, stop_at_brace: bool) -> tuple[str, int]:
    out: list[str] = []
    while i < len(tokens):
        m = tokens[i]
        if m.group(2) == "}":
            if stop_at_brace:
                return "".join(out), i + 1
            i += 1
            continue
        piece, i = _atom(tokens, i)
        if piece.startswith(_SCRIPT) and out:  # a script binds to what precedes it: Σᵢ, not Σ ᵢ
            out[-1] = out[-1].rstrip()
        out.append(piece.removeprefix(_SCRIPT))
    return "".join(out), i


def _argument(tokens, i: int) -> tuple[str, int, bool]:
    """The next argument: a `{group}` or a single token. Returns (text, next index, was_group)."""
    while i < len(tokens) and tokens[i].group(3):  # skip spaces before an argument
        i += 1
    if i >= len(tokens):
        return "", i, False
    if tokens[i].group(2) == "{":
        text, i = _sequence(tokens, i + 1, stop_at_brace=True)
        return text, i, True
    text, i = _atom(tokens, i)
    return text, i, False


def _atom(tokens, i: int) -> tuple[str, int]:
    m = tokens[i]
    command, special, space, char = m.groups()
    if space:
        return " ", i + 1
    if char:
        return ("−" if char == "-" else char), i + 1
    if special == "{":
        text, i = _sequence(tokens, i + 1, stop_at_brace=True)
        return text, i
    if special and special in "^_":
        arg, j, _ = _argument(tokens, i + 1)
        return _SCRIPT + _script(arg, superscript=special == "^"), j
    return _command(command, tokens, i + 1)


def _command(name: str, tokens, i: int) -> tuple[str, int]:
    if name == "frac" or name == "dfrac" or name == "tfrac":
        top, i, _ = _argument(tokens, i)
        bottom, i, _ = _argument(tokens, i)
        return f"{_grouped(top)}/{_grouped(bottom)}", i
    if name == "sqrt":
        arg, i, _ = _argument(tokens, i)
        return f"√{_grouped(arg)}", i
    if name == "binom" or name == "choose":
        if name == "choose":
            return " choose ", i
        n, i, _ = _argument(tokens, i)
        k, i, _ = _argument(tokens, i)
        return f"C({n}, {k})", i
    if name == "mathbb":
        arg, i, _ = _argument(tokens, i)
        return "".join(BLACKBOARD.get(c, c) for c in arg), i
    if name == "mathcal" or name == "mathscr":
        arg, i, _ = _argument(tokens, i)
        return arg, i
    if name in ACCENTS:
        arg, i, _ = _argument(tokens, i)
        return (arg + ACCENTS[name]) if len(arg) == 1 else f"{arg}{ACCENTS[name]}", i
    if name == "not":
        arg, i, _ = _argument(tokens, i)
        return {"=": "≠", "∈": "∉"}.get(arg, arg + "\u0338"), i
    if name in ("begin", "end"):
        _, i, _ = _argument(tokens, i)  # environment names (cases, aligned, pmatrix) are layout
        return " ", i
    if name == "\\":
        return "; ", i
    if name in SYMBOLS:
        symbol = SYMBOLS[name]
        # Big operators and named functions written tight (`\\frac{1}{n}\\sum x`) need a space.
        return (f" {symbol} " if name in SPACED else symbol), i
    if name in PASS_THROUGH:
        return "", i
    return name, i


def _grouped(text: str) -> str:
    """`a+b` as `(a+b)` where a slash or root would otherwise bind only part of it."""
    text = text.strip()
    simple = re.fullmatch(r"[\w.′̂̄̃⃗̇̈]+|\(.*\)|[\w.]+[⁰¹²³⁴⁵⁶⁷⁸⁹ᵀ]+", text)
    return text if simple else f"({text})"


def _script(arg: str, superscript: bool) -> str:
    table = SUPERSCRIPTS if superscript else SUBSCRIPTS
    arg = arg.strip()
    ascii_arg = arg.replace("−", "-")
    if ascii_arg and all(c in table for c in ascii_arg):
        return "".join(table[c] for c in ascii_arg)
    if arg in ("′", "*", "∗", "†", "ᵀ"):
        return arg
    mark = "^" if superscript else "_"
    return mark + (arg if re.fullmatch(r"\w+", arg) else f"({arg})")
