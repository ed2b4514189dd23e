" Minutes files: *.minutes, *.minutes.md and *.minutes.txt.
" Vim script rather than Lua so that Neovim 0.7 reads it as well as 0.10+.
" `:setfiletype` would lose to the markdown/text detection that runs first for
" .md and .txt, so the filetype is set outright.
autocmd BufNewFile,BufRead *.minutes,*.minutes.md,*.minutes.txt set filetype=minutes
