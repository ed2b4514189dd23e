" Minutes are prose: wrap at word boundaries and let the outline fold by item.
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1
setlocal linebreak
setlocal comments= commentstring=<!--\ %s\ -->
let b:undo_ftplugin = 'setlocal linebreak< comments< commentstring<'
