"""One case, from its challenge to its served app, with no pytest in it: the case and its record
(``case``), the builder (``builder``), generation strategies (``generate``), the prompt
(``prompt``), repair messages (``repair``), install and build (``install``) with the dependency
and build stores, serving (``serve``), and the case's sandboxes (``sandboxes``)."""
