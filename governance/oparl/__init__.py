"""A read-only OParl 1.1 interface to the steering circle's public part (`/oparl/v1.1/`).

OParl is the open standard for council information systems; here the Kooperationsraum is the
`Body`, its steering circle the `Organization`, invited meetings the `Meeting`s, public agenda
items the `AgendaItem`s, each public resolution's motion a `Paper` with one `Consultation`, and
public documents the `File`s. Everything comes from `governance.selectors_register`, so nothing
internal and no person is published: the person list is empty by design (rule 6).
"""
