" Highlighting for meeting minutes: the same shapes the VS Code grammar knows.
" Where two rules match at the same place, Vim prefers the one defined last,
" so the whole-line headings come after the words inside lines.
if exists('b:current_syntax')
  finish
endif

syntax case match

" Abbreviations: MASH, DfE, NCC-HD, UASCs, DfE's (not McElligott).
syntax match minutesAbbreviation /\<\%(\u\{2,}\%(-\u\{2,}\)*\|\u\l\{1,2}\u\{1,3}\l\@!\)\%(s\>\|['’]s\>\)\=/

" Quotations, straight and curly.
syntax region minutesQuote start=/“/ end=/”\|$/ oneline
syntax region minutesQuote start=/\%(^\|\s\)\zs"/ end=/"\|$/ oneline

" Decision markers and resolution numbers: "1.  That", "(a)", "119.1", "A:".
syntax match minutesResolved /\<\%(RESOLVED\|AGREED\|DECISION\|DECIDED\)\>/
syntax match minutesResolutionNumber /^\s*\%(\d\+\%(\.\d\+\)*\.\|\d\+\%(\.\d\+\)\+\|([a-z])\|([ivx]\+)\|\u:\)\ze[\t  ]/

" Section labels and attendance lines.
syntax match minutesSectionLabel /^\s*\%(Minutes\|Decisions\=\|Supporting documents\|Additional documents\|Background documents\|Recommendations\=\|Actions\=\):\s*$/
syntax match minutesSectionLabel /^\s*Actions\=:/
syntax match minutesAttendanceLabel /^\s*\%(Present\|Also present\|In attendance\|Apologies\|Apologies for absence\|Absent\|Secretariat\):/

" Headings: Markdown, then agenda items in every form clerks write them:
" "1. Apologies", "## 3. Minutes", "6\. Matters Arising", "276." alone,
" "118.2 Budget", "CELS/12 Budget", an ALL-CAPS line, "Agenda item".
syntax match minutesHeading /^#\{1,6}\s.*$/
syntax match minutesItemHeading /^\%(#\{1,6}\s\+\)\=\%(\%(\u\+\/\)\=\d\+\%(\.\d\+\)*\\\=\.\|\d\+\%(\.\d\+\)\+\)\%([\t  ]\+\%(That\>\|RESOLVED\>\|AGREED\>\)\@!\S.*\)\=$/ contains=minutesItemNumber
syntax match minutesItemHeading /^\u\+\/\d\+\%(\.\d\+\)*\s.*$/ contains=minutesItemNumber
syntax match minutesItemNumber /^\%(#\{1,6}\s\+\)\=\%(\u\+\/\)\=\d\+\%(\.\d\+\)*\\\=\.\=/ contained
syntax match minutesItemHeading /^\s*\%(\%(RESOLVED\|AGREED\|DECISION\)[ :]*$\)\@![A-Z][A-Z0-9 ,&'’()-]*[A-Z]\s*$/
syntax match minutesItemHeading /^Agenda item\s*$/

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
