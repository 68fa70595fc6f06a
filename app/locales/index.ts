import enCommon from './en/common.json'
import enAdminChannels from './en/admin-channels.json'
import enAdminOrg from './en/admin-org.json'
import enAdminSettings from './en/admin-settings.json'
import enAdminUsers from './en/admin-users.json'
import enDocuments from './en/documents.json'
import enNotifications from './en/notifications.json'
import enDashboard from './en/dashboard.json'
import enPlaceMap from './en/place-map.json'
import enPlatform from './en/platform.json'
import enTrc from './en/trc.json'
import enWhatsapp from './en/whatsapp.json'
import enWhatsappUi from './en/whatsapp-ui.json'
import idCommon from './id/common.json'
import idAdminChannels from './id/admin-channels.json'
import idAdminOrg from './id/admin-org.json'
import idAdminSettings from './id/admin-settings.json'
import idAdminUsers from './id/admin-users.json'
import idDocuments from './id/documents.json'
import idNotifications from './id/notifications.json'
import idDashboard from './id/dashboard.json'
import idPlaceMap from './id/place-map.json'
import idPlatform from './id/platform.json'
import idTrc from './id/trc.json'
import idWhatsapp from './id/whatsapp.json'
import idWhatsappUi from './id/whatsapp-ui.json'

/**
 * The translations, one file per area of the product, merged into the single `common` namespace
 * (keys are dotted paths, so areas do not collide). Indonesian first, English second.
 */
type Tree = { [key: string]: string | Tree }

function merge(...trees: Tree[]): Tree {
  const out: Tree = {}
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      const current = out[key]
      out[key] = typeof value === 'object' && typeof current === 'object' ? merge(current, value) : value
    }
  }
  return out
}

export const LOCALE_FILES = {
  id: {
    common: idCommon,
    'admin-channels': idAdminChannels,
    'admin-org': idAdminOrg,
    'admin-settings': idAdminSettings,
    'admin-users': idAdminUsers,
    documents: idDocuments,
    notifications: idNotifications,
    dashboard: idDashboard,
    'place-map': idPlaceMap,
    platform: idPlatform,
    trc: idTrc,
    whatsapp: idWhatsapp,
    'whatsapp-ui': idWhatsappUi,
  },
  en: {
    common: enCommon,
    'admin-channels': enAdminChannels,
    'admin-org': enAdminOrg,
    'admin-settings': enAdminSettings,
    'admin-users': enAdminUsers,
    documents: enDocuments,
    notifications: enNotifications,
    dashboard: enDashboard,
    'place-map': enPlaceMap,
    platform: enPlatform,
    trc: enTrc,
    whatsapp: enWhatsapp,
    'whatsapp-ui': enWhatsappUi,
  },
} as const

export const resources = {
  id: { common: merge(...Object.values(LOCALE_FILES.id)) },
  en: { common: merge(...Object.values(LOCALE_FILES.en)) },
}
