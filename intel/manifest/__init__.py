"""The LLM's review of a proposed import manifest (`rapport import suggest`)."""

from intel.manifest.reviewer import LLMManifestReviewer, build_manifest_reviewer

__all__ = ["LLMManifestReviewer", "build_manifest_reviewer"]
