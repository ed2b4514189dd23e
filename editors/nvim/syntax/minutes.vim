" Highlighting for meeting minutes: the same shapes the VS Code grammar knows.
if exists('b:current_syntax')
  finish
endif

syntax case match

" Agenda item headings: "1. Apologies", "## 3. Minutes", "6\. Matters Arising",
" "276." alone, "CELS/12 Budget", an ALL-CAPS line, "Agenda item".
syntax match minutesItemHeading /^\%(#\{1,6}\s\+\)\=\%(\u\+\/\)\=\d\+\%(\.\d\+\)*\\\=\.\%(\s.*\)\=$/ contains=minutesItemNumber
syntax match minutesItemHeading /^\u\+\/\d\+\%(\.\d\+\)*\s.*$/ contains=minutesItemNumber
syntax match minutesItemNumber /^\%(#\{1,6}\s\+\)\=\%(\u\+\/\)\=\d\+\%(\.\d\+\)*\\\=\.\=/ contained
syntax match minutesItemHeading /^\%(#\{1,6}\s\+\)\=[A-Z][A-Z0-9 ,&'’()-]*[A-Z]\s*$/
syntax match minutesItemHeading /^Agenda item\s*$/
syntax match minutesHeading /^#\{1,6}\s.*$/

" Section labels on a line of their own.
syntax match minutesSectionLabel /^\s*\%(Minutes\|Decision\|Decisions\|Supporting documents\|Additional documents\|Action\|Actions\|Background documents\):\s*$/

" Attendance lines.
syntax match minutesAttendanceLabel /^\s*\%(Present\|Also present\|In attendance\|Apologies\|Apologies for absence\|Absent\|Secretariat\):/

" Decision markers and resolution numbers.
syntax match minutesResolved /\<\%(RESOLVED\|AGREED\|DECISION\|DECIDED\)\>/
syntax match minutesResolutionNumber /^\s*\%(\d\+\%(\.\d\+\)*\.\|([a-z])\|([ivx]\+)\|[A-Z]:\)\ze[\t  ]/

" Abbreviations: MASH, DfE, NCC-HD, UASCs, DfE's.
syntax match minutesAbbreviation /\<\%(\u\{2,}\|\u\l\u\)\%([-]\u\+\)*\%(s\>\|'s\>\|’s\>\)\=/ contains=NONE

" Quotations, straight and curly.
syntax region minutesQuote start=/“/ end=/”/ oneline
syntax region minutesQuote start=/\%(^\|\s\)"/ end=/"/ oneline

highlight default link minutesItemHeading Title
highlight default link minutesItemNumber Number
highlight default link minutesHeading Title
highlight default link minutesSectionLabel Label
highlight default link minutesAttendanceLabel Label
highlight default link minutesResolved Keyword
highlight default link minutesResolutionNumber Number
highlight default link minutesAbbreviation Constant
highlight default link minutesQuote String

let b:current_syntax = 'minutes'
