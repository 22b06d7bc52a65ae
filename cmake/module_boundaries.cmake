# The one list of each module's public headers: the only files of src/modules/<module>/ that
# another module may include (the brief: no module includes another's internals). A module not
# named here has none. A public header may itself include only public headers of its own module,
# so that nothing internal leaks through one. Checked on every build by check_module_boundaries.cmake.
set(RT_PUBLIC_HEADERS_treff
  model.hpp      # the meeting's domain types
  deltaker.hpp   # how a module takes part in the meeting's transactions (participants)
  oppslag.hpp    # reading a meeting in the caller's transaction
  tilgang.hpp)   # roles and the owner check
set(RT_PUBLIC_HEADERS_jobbsoker
  events.hpp           # bus events
  synlighet_lager.hpp  # the only way to write visibility
  oppslag.hpp)         # is this job seeker on this meeting and visible
set(RT_PUBLIC_HEADERS_synlighet)
set(RT_PUBLIC_HEADERS_aktivitetskort)
set(RT_PUBLIC_HEADERS_arbeidsgiver)
