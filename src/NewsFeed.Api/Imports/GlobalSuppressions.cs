using System.Diagnostics.CodeAnalysis;

// "Imports" is a Visual Basic keyword; this namespace lives in the web app's own assembly, which no VB code consumes.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Not consumed from VB.", Scope = "namespace", Target = "~N:NewsFeed.Api.Imports")]
