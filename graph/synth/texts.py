"""Subjects and summaries that read like CRM notes, filled from a few slots."""

from __future__ import annotations

EMAIL_SUBJECTS: tuple[str, ...] = (
    "Shortlist for {city}", "Follow-up on our call", "{property} - floor plans attached",
    "Next steps on {company} search", "Market update: {city} Q{q}", "Re: viewing schedule",
    "Draft heads of terms", "Intro: {company} x our {unit} team", "Pricing for {property}",
    "Documents requested by legal", "Quick question on timing", "Re: budget and financing",
)
EMAIL_SUMMARIES: tuple[str, ...] = (
    "Sent shortlist of {n} options in {city}; asked for feedback by Friday.",
    "Shared floor plans and service charge breakdown for {property}.",
    "Confirmed budget range and preferred districts; waiting on internal approval.",
    "Answered questions on transaction costs and timeline.",
    "Followed up after viewing; client wants a second visit with the CFO.",
    "Sent quarterly {city} market report with comparable transactions.",
    "Legal asked for title documents and energy certificate.",
)
MEETING_SUBJECTS: tuple[str, ...] = (
    "Viewing: {property}", "Quarterly review with {company}", "Kick-off: {city} search",
    "Negotiation session", "Portfolio strategy lunch", "Site visit {city}",
    "{company} board presentation", "Workshop: relocation plan {city}",
)
MEETING_SUMMARIES: tuple[str, ...] = (
    "Walked through {property}; strong interest in the terrace, concerns on parking.",
    "Reviewed portfolio performance and next {n} acquisitions.",
    "Agreed requirements: {n} options, move-in within 6 months, {city} preferred.",
    "Discussed price gap of ~{pct}%; client to revert after investment committee.",
    "Presented market outlook; decision makers attended, good engagement.",
)
CALL_SUBJECTS: tuple[str, ...] = (
    "Call re {property}", "Catch-up call", "Call: financing options", "Call: timeline check",
)
CALL_SUMMARIES: tuple[str, ...] = (
    "Short check-in; they are comparing {n} options and will decide this month.",
    "Discussed financing; bank valuation expected in two weeks.",
    "Client flagged a competing offer about {pct}% lower.",
    "Confirmed the viewing and who will attend.",
)
MESSAGE_SUMMARIES: tuple[str, ...] = (
    "Running 10 min late, see you at the lobby.", "Sent the photos you asked for.",
    "Can we move tomorrow's call to 4pm?", "Thanks for today, talk next week.",
)
NOTE_SUMMARIES: tuple[str, ...] = (
    "Met at {city} property conference; interested in {unit} opportunities.",
    "Heard they are expanding in {city}; worth a proactive call.",
    "Prefers WhatsApp over email; decision maker is the CFO.",
    "Budget freeze until next quarter according to their assistant.",
)
LARGE_MEETING_SUBJECTS: tuple[str, ...] = (
    "{company} annual real estate offsite", "{company} relocation town hall",
    "Investor day {city}", "{company} leadership summit",
)
NEXT_STEPS: tuple[str, ...] = (
    "Schedule second viewing", "Send revised proposal", "Call CFO about financing",
    "Share due diligence pack", "Agree heads of terms", "Book site visit",
    "Confirm budget with investment committee", "Introduce legal teams",
    "Follow up after board meeting", "Prepare comparables report",
)
DEAL_NAMES: tuple[str, ...] = (
    "{company} - {ptype} in {city}", "{company} {city} expansion", "{company} portfolio buy",
    "{company} HQ move {city}", "{company} acquisition {district}",
)
